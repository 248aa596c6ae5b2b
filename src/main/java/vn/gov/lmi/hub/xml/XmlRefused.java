package vn.gov.lmi.hub.xml;

/**
 * Why XML from outside is refused, with a machine-readable code (the SOAP fault code): {@code Oversize},
 * {@code TooDeep}, {@code DoctypeForbidden}, {@code NotWellFormed}, {@code AlgorithmNotAllowed},
 * {@code KeyTooWeak}, {@code SignatureInvalid}.
 */
public final class XmlRefused extends RuntimeException {

    private final String code;

    public XmlRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
