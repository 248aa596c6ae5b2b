package vn.gov.lmi.hub.soap;

import java.util.List;

import vn.gov.lmi.hub.catalog.Violation;

/**
 * A refusal of a SOAP request: a machine-readable code ({@code SchemaViolation}, {@code NotAuthorized},
 * {@code SignatureInvalid}, {@code SignatureRequired}, {@code TimestampExpired}, {@code Duplicate}, …), a
 * detail in words, the violations with their JSON Pointers, and whether the sender ({@code Client}) or the hub
 * ({@code Server}) is at fault.
 */
public final class SoapFault extends RuntimeException {

    private final String code;
    private final List<Violation> violations;
    private final boolean senderFault;

    public SoapFault(String code, String detail, List<Violation> violations, boolean senderFault) {
        super(detail);
        this.code = code;
        this.violations = List.copyOf(violations);
        this.senderFault = senderFault;
    }

    public String code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }

    public boolean senderFault() {
        return senderFault;
    }
}
