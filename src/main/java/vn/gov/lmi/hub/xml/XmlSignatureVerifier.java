package vn.gov.lmi.hub.xml;

import java.security.Key;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyValue;
import javax.xml.crypto.dsig.keyinfo.X509Data;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Verifies XML signatures (XML-DSig) under the hub's own policy, checked on the signature's markup before any
 * cryptography: SHA-2 RSA, RSASSA-PSS or ECDSA signatures; SHA-2 digests; exclusive or inclusive
 * canonicalization; same-document references only, with the enveloped-signature and canonicalization
 * transforms only; no Manifest. SHA-1, MD5, DSA and HMAC are refused with a reason naming the algorithm
 * (Santuario's secure validation alone still accepts SHA-1 and DSA). The verified result names the elements
 * the signature covers, so callers process those and nothing else (signature-wrapping defence).
 */
public final class XmlSignatureVerifier {

    public static final String DSIG_NS = XMLSignature.XMLNS;
    private static final Set<String> SIGNATURE_METHODS = Set.of(
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
            "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1",
            "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1",
            "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512");
    private static final Set<String> DIGEST_METHODS = Set.of(
            "http://www.w3.org/2001/04/xmlenc#sha256",
            "http://www.w3.org/2001/04/xmldsig-more#sha384",
            "http://www.w3.org/2001/04/xmlenc#sha512");
    private static final Set<String> CANONICALIZATIONS = Set.of(
            "http://www.w3.org/2001/10/xml-exc-c14n#",
            "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
            "http://www.w3.org/2006/12/xml-c14n11",
            "http://www.w3.org/2006/12/xml-c14n11#WithComments");
    private static final Set<String> TRANSFORMS = Set.of("http://www.w3.org/2000/09/xmldsig#enveloped-signature");

    /** A signature that verified: the key that made it and the elements it covers. */
    public record Verified(Key key, X509Certificate certificate, List<Element> signedElements, XMLSignature signature) {
    }

    private final XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");

    /**
     * Verifies {@code signature} (a ds:Signature element). {@code idAttributes} maps an element to its ID
     * attribute (namespace, local name) for same-document references such as {@code #Body}; {@code keys}
     * chooses the verification key from KeyInfo (see {@link #keyFromKeyInfo()}).
     */
    public Verified verify(Element signature, Map<Element, String[]> idAttributes, KeySelector keys) {
        checkPolicy(signature);
        DOMValidateContext context = new DOMValidateContext(strongKeysOnly(keys), signature);
        context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        context.setProperty("javax.xml.crypto.dsig.cacheReference", Boolean.TRUE);
        idAttributes.forEach((element, attribute) -> context.setIdAttributeNS(element, attribute[0], attribute[1]));
        try {
            XMLSignature xmlSignature = factory.unmarshalXMLSignature(context);
            if (!xmlSignature.validate(context)) {
                boolean signatureValue = xmlSignature.getSignatureValue().validate(context);
                List<String> badReferences = new ArrayList<>();
                for (Object reference : xmlSignature.getSignedInfo().getReferences()) {
                    if (!((Reference) reference).validate(context)) {
                        badReferences.add(((Reference) reference).getURI());
                    }
                }
                throw new XmlRefused("SignatureInvalid", !signatureValue ? "the signature value does not verify with the signer's key"
                        : "the content of reference(s) " + badReferences + " changed after signing");
            }
            List<Element> signed = new ArrayList<>();
            for (Object reference : xmlSignature.getSignedInfo().getReferences()) {
                String uri = ((Reference) reference).getURI();
                if (uri == null || uri.isEmpty()) {
                    signed.add(signature.getOwnerDocument().getDocumentElement());
                } else {
                    Element target = signature.getOwnerDocument().getElementById(uri.substring(1));
                    if (target == null) {
                        target = findById(idAttributes, uri.substring(1));
                    }
                    if (target != null) {
                        signed.add(target);
                    }
                }
            }
            KeySelectorResult selected = xmlSignature.getKeySelectorResult();
            Key key = selected == null ? null : selected.getKey();
            X509Certificate certificate = selected instanceof CertificateResult withCertificate ? withCertificate.certificate() : null;
            return new Verified(key, certificate, signed, xmlSignature);
        } catch (MarshalException e) {
            throw new XmlRefused("SignatureInvalid", "the signature cannot be read: " + e.getMessage());
        } catch (XMLSignatureException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                if (root.getCause() instanceof XmlRefused refused) {
                    throw refused;
                }
                root = root.getCause();
            }
            throw new XmlRefused("SignatureInvalid", "the signature cannot be checked: " + root.getMessage());
        }
    }

    /** RSA keys of at least 2048 bits; EC keys on P-256, P-384 or P-521. */
    private static KeySelector strongKeysOnly(KeySelector keys) {
        return new KeySelector() {
            @Override
            public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method, XMLCryptoContext context)
                    throws KeySelectorException {
                KeySelectorResult result = keys.select(keyInfo, purpose, method, context);
                Key key = result.getKey();
                if (key instanceof java.security.interfaces.RSAKey rsa && rsa.getModulus().bitLength() < 2048) {
                    throw new KeySelectorException(new XmlRefused("KeyTooWeak", "the signer's RSA key has "
                            + rsa.getModulus().bitLength() + " bits; at least 2048 are required"));
                }
                if (key instanceof java.security.interfaces.ECKey ec
                        && ec.getParams().getCurve().getField().getFieldSize() < 256) {
                    throw new KeySelectorException(new XmlRefused("KeyTooWeak", "the signer's EC key is on a "
                            + ec.getParams().getCurve().getField().getFieldSize() + "-bit curve; P-256 or larger is required"));
                }
                return result;
            }
        };
    }

    private static Element findById(Map<Element, String[]> idAttributes, String id) {
        for (Map.Entry<Element, String[]> entry : idAttributes.entrySet()) {
            if (id.equals(entry.getKey().getAttributeNS(entry.getValue()[0], entry.getValue()[1]))) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** The policy, applied to the markup: every algorithm named, every reference local, no Manifest. */
    static void checkPolicy(Element signature) {
        if (signature.getElementsByTagNameNS(DSIG_NS, "Manifest").getLength() > 0) {
            throw new XmlRefused("SignatureInvalid", "ds:Manifest is not accepted: its references are not checked by "
                    + "core validation and can hide what is really signed");
        }
        Element signedInfo = child(signature, "SignedInfo");
        if (signedInfo == null) {
            throw new XmlRefused("SignatureInvalid", "ds:Signature has no ds:SignedInfo");
        }
        allowed(child(signedInfo, "CanonicalizationMethod"), CANONICALIZATIONS, "CanonicalizationMethod");
        allowed(child(signedInfo, "SignatureMethod"), SIGNATURE_METHODS, "SignatureMethod");
        NodeList references = signedInfo.getElementsByTagNameNS(DSIG_NS, "Reference");
        if (references.getLength() == 0) {
            throw new XmlRefused("SignatureInvalid", "ds:SignedInfo has no ds:Reference");
        }
        for (int i = 0; i < references.getLength(); i++) {
            Element reference = (Element) references.item(i);
            String uri = reference.hasAttribute("URI") ? reference.getAttribute("URI") : null;
            if (uri == null || !(uri.isEmpty() || uri.startsWith("#"))) {
                throw new XmlRefused("SignatureInvalid", "reference URI '" + uri + "' is not a same-document reference; "
                        + "only \"\" and \"#id\" are followed");
            }
            allowed(child(reference, "DigestMethod"), DIGEST_METHODS, "DigestMethod");
            Element transforms = child(reference, "Transforms");
            if (transforms != null) {
                NodeList list = transforms.getElementsByTagNameNS(DSIG_NS, "Transform");
                for (int t = 0; t < list.getLength(); t++) {
                    String algorithm = ((Element) list.item(t)).getAttribute("Algorithm");
                    if (!TRANSFORMS.contains(algorithm) && !CANONICALIZATIONS.contains(algorithm)) {
                        throw new XmlRefused("AlgorithmNotAllowed", "Transform " + algorithm + " is not allowed; only "
                                + "enveloped-signature and canonicalization transforms are followed");
                    }
                }
            }
        }
    }

    private static void allowed(Element method, Set<String> allowed, String what) {
        String algorithm = method == null ? null : method.getAttribute("Algorithm");
        if (algorithm == null || !allowed.contains(algorithm)) {
            String lower = String.valueOf(algorithm).toLowerCase(java.util.Locale.ROOT);
            String family = lower.contains("hmac") ? "HMAC" : lower.contains("dsa-") && !lower.contains("ecdsa") ? "DSA"
                    : lower.contains("md5") ? "MD5" : lower.contains("sha1") ? "SHA-1" : "an algorithm outside the hub's list";
            throw new XmlRefused("AlgorithmNotAllowed", what + " " + algorithm + " is refused: " + family
                    + " is not allowed; use RSA-SHA256, RSASSA-PSS or ECDSA-SHA256 (or SHA-384/512) with SHA-2 digests");
        }
    }

    private static Element child(Element parent, String localName) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && DSIG_NS.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static Key rfc4050Key(Element signature) {
        NodeList values = signature.getElementsByTagNameNS("http://www.w3.org/2001/04/xmldsig-more#", "ECDSAKeyValue");
        if (values.getLength() == 0) {
            return null;
        }
        Element value = (Element) values.item(0);
        Element curve = (Element) value.getElementsByTagNameNS("*", "NamedCurve").item(0);
        Element x = (Element) value.getElementsByTagNameNS("*", "X").item(0);
        Element y = (Element) value.getElementsByTagNameNS("*", "Y").item(0);
        if (curve == null || x == null || y == null) {
            return null;
        }
        String oid = curve.getAttribute("URN").replace("urn:oid:", "");
        try {
            java.security.AlgorithmParameters parameters = java.security.AlgorithmParameters.getInstance("EC");
            parameters.init(new java.security.spec.ECGenParameterSpec(oid));
            java.security.spec.ECParameterSpec spec = parameters.getParameterSpec(java.security.spec.ECParameterSpec.class);
            java.security.spec.ECPoint point = new java.security.spec.ECPoint(new java.math.BigInteger(x.getAttribute("Value")),
                    new java.math.BigInteger(y.getAttribute("Value")));
            return java.security.KeyFactory.getInstance("EC").generatePublic(new java.security.spec.ECPublicKeySpec(point, spec));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** A key selection that also names the certificate it came from. */
    public record CertificateResult(Key key, X509Certificate certificate) implements KeySelectorResult {
        @Override
        public Key getKey() {
            return key;
        }
    }

    /**
     * Takes the key from KeyInfo: the first X.509 certificate, else a KeyValue. Whether that key may sign is the
     * caller's decision (e.g. the certificate must validate and belong to the sender).
     */
    public static KeySelector keyFromKeyInfo() {
        return keyFromKeyInfo(null);
    }

    /**
     * As {@link #keyFromKeyInfo()}, also reading RFC 4050 {@code ECDSAKeyValue} (curve OID and decimal X/Y),
     * which the JDK's XML-DSig does not, from {@code signature}'s KeyInfo.
     */
    public static KeySelector keyFromKeyInfo(Element signature) {
        return new KeySelector() {
            @Override
            public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method, XMLCryptoContext context)
                    throws KeySelectorException {
                if (keyInfo == null) {
                    throw new KeySelectorException("the signature has no KeyInfo");
                }
                for (Object item : keyInfo.getContent()) {
                    if (item instanceof X509Data data) {
                        for (Object content : data.getContent()) {
                            if (content instanceof X509Certificate certificate) {
                                return new CertificateResult(certificate.getPublicKey(), certificate);
                            }
                        }
                    }
                }
                for (Object item : keyInfo.getContent()) {
                    if (item instanceof KeyValue value) {
                        try {
                            Key key = value.getPublicKey();
                            return () -> key;
                        } catch (java.security.KeyException e) {
                            Key rfc4050 = signature == null ? null : rfc4050Key(signature);
                            if (rfc4050 != null) {
                                return () -> rfc4050;
                            }
                            throw new KeySelectorException(e);
                        }
                    }
                }
                throw new KeySelectorException("KeyInfo holds neither an X.509 certificate nor a key value");
            }
        };
    }
}
