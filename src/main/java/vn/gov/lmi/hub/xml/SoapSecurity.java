package vn.gov.lmi.hub.xml;

import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.ExcC14NParameterSpec;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * WS-Security (OASIS WSS 1.1, X.509 token profile) for SOAP 1.1 envelopes, on the hub's own XML-DSig code:
 * the signature covers the Body and the Timestamp (exclusive c14n, SHA-256 digests, RSA-SHA256 or
 * ECDSA-SHA256), the signer's certificate travels as a BinarySecurityToken. Verification accepts an envelope
 * only if the signed Body is the envelope's own Body and the signed Timestamp is the one in its Security
 * header (signature wrapping), and the Timestamp is fresh; the caller then validates the certificate and
 * processes only {@link Verified#body()}.
 */
public final class SoapSecurity {

    public static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String WSSE_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final String WSU_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private static final String X509_TOKEN = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
    private static final String BASE64 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

    /** An envelope whose signature verified: the signer's certificate, the covered Body, the Timestamp's time. */
    public record Verified(X509Certificate signer, Element body, Instant created, String signatureValue, String replayKey) {
    }

    private final XmlSignatureVerifier verifier = new XmlSignatureVerifier();
    private final Duration maxAge;
    private final Duration clockSkew;

    /** {@code maxAge}: how old a Timestamp's Created may be; {@code clockSkew}: how far in the future. */
    public SoapSecurity(Duration maxAge, Duration clockSkew) {
        this.maxAge = maxAge;
        this.clockSkew = clockSkew;
    }

    /** Adds a Security header with Timestamp, BinarySecurityToken and a signature over Body and Timestamp. */
    public static String sign(Document envelope, PrivateKey key, X509Certificate certificate, Instant created, Duration lifetime) {
        return sign(envelope, key, certificate, created, lifetime, List.of());
    }

    /**
     * As {@link #sign(Document, PrivateKey, X509Certificate, Instant, Duration)}, also covering {@code extraSigned}
     * (header blocks of the envelope, e.g. the hub's delivery header), each given a {@code wsu:Id}.
     */
    public static String sign(Document envelope, PrivateKey key, X509Certificate certificate, Instant created, Duration lifetime,
                              List<Element> extraSigned) {
        try {
            // namespace declarations as attributes, as a receiver's parser will see them: canonicalization reads
            // the declarations in the tree, not the namespaces elements were created with
            envelope.normalizeDocument();
            Element root = envelope.getDocumentElement();
            Element header = child(root, SOAP_NS, "Header");
            if (header == null) {
                header = envelope.createElementNS(SOAP_NS, root.getPrefix() == null ? "Header" : root.getPrefix() + ":Header");
                root.insertBefore(header, root.getFirstChild());
            }
            Element body = child(root, SOAP_NS, "Body");
            body.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsu", WSU_NS);
            body.setAttributeNS(WSU_NS, "wsu:Id", "Body");
            body.setIdAttributeNS(WSU_NS, "Id", true);

            // namespace declarations written out: canonicalization reads them from the tree, as the receiver's parser will
            Element security = envelope.createElementNS(WSSE_NS, "wsse:Security");
            security.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsse", WSSE_NS);
            security.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsu", WSU_NS);
            security.setAttributeNS(SOAP_NS, root.getPrefix() == null ? "mustUnderstand" : root.getPrefix() + ":mustUnderstand", "1");
            header.appendChild(security);
            Element token = envelope.createElementNS(WSSE_NS, "wsse:BinarySecurityToken");
            token.setAttribute("ValueType", X509_TOKEN);
            token.setAttribute("EncodingType", BASE64);
            token.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsu", WSU_NS);
            token.setAttributeNS(WSU_NS, "wsu:Id", "X509Token");
            token.setTextContent(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            security.appendChild(token);
            Element timestamp = envelope.createElementNS(WSU_NS, "wsu:Timestamp");
            timestamp.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsu", WSU_NS);
            timestamp.setAttributeNS(WSU_NS, "wsu:Id", "Timestamp");
            timestamp.setIdAttributeNS(WSU_NS, "Id", true);
            Element createdElement = envelope.createElementNS(WSU_NS, "wsu:Created");
            createdElement.setTextContent(created.toString());
            Element expires = envelope.createElementNS(WSU_NS, "wsu:Expires");
            expires.setTextContent(created.plus(lifetime).toString());
            timestamp.appendChild(createdElement);
            timestamp.appendChild(expires);
            security.appendChild(timestamp);

            XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
            DigestMethod sha256 = factory.newDigestMethod(DigestMethod.SHA256, null);
            List<Transform> excC14n = List.of(factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (ExcC14NParameterSpec) null));
            List<Reference> references = new ArrayList<>(List.of(
                    factory.newReference("#Body", sha256, excC14n, null, null),
                    factory.newReference("#Timestamp", sha256, excC14n, null, null)));
            for (int i = 0; i < extraSigned.size(); i++) {
                Element block = extraSigned.get(i);
                block.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsu", WSU_NS);
                block.setAttributeNS(WSU_NS, "wsu:Id", "Signed-" + i);
                block.setIdAttributeNS(WSU_NS, "Id", true);
                references.add(factory.newReference("#Signed-" + i, sha256, excC14n, null, null));
            }
            SignedInfo signedInfo = factory.newSignedInfo(
                    factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    factory.newSignatureMethod(key instanceof ECPrivateKey ? SignatureMethod.ECDSA_SHA256 : SignatureMethod.RSA_SHA256, null),
                    references);
            Element reference = envelope.createElementNS(WSSE_NS, "wsse:SecurityTokenReference");
            Element tokenReference = envelope.createElementNS(WSSE_NS, "wsse:Reference");
            tokenReference.setAttribute("URI", "#X509Token");
            tokenReference.setAttribute("ValueType", X509_TOKEN);
            reference.appendChild(tokenReference);
            KeyInfoFactory keyInfos = factory.getKeyInfoFactory();
            DOMSignContext context = new DOMSignContext(key, security);
            context.setDefaultNamespacePrefix("ds");
            javax.xml.crypto.dsig.XMLSignature signature = factory.newXMLSignature(signedInfo,
                    keyInfos.newKeyInfo(List.of(new DOMStructure(reference))));
            signature.sign(context);
            return Base64.getEncoder().encodeToString(signature.getSignatureValue().getValue());
        } catch (java.security.GeneralSecurityException | javax.xml.crypto.MarshalException
                 | javax.xml.crypto.dsig.XMLSignatureException e) {
            throw new IllegalStateException("WS-Security signing failed: " + e.getMessage(), e);
        }
    }

    /** Checks the Security header of {@code envelope} at time {@code now}; throws {@link XmlRefused} otherwise. */
    public Verified verify(Document envelope, Instant now) {
        Element root = envelope.getDocumentElement();
        if (!SOAP_NS.equals(root.getNamespaceURI()) || !"Envelope".equals(root.getLocalName())) {
            throw new XmlRefused("WrongNamespace", "the document is not a SOAP 1.1 Envelope ({" + SOAP_NS + "}Envelope)");
        }
        List<Element> bodies = children(root, SOAP_NS, "Body");
        Element header = child(root, SOAP_NS, "Header");
        if (bodies.size() != 1) {
            throw new XmlRefused("SignatureInvalid", "the Envelope must have exactly one Body, not " + bodies.size());
        }
        Element body = bodies.get(0);
        List<Element> securities = header == null ? List.of() : children(header, WSSE_NS, "Security");
        if (securities.isEmpty()) {
            throw new XmlRefused("SignatureRequired", "the request carries no wsse:Security header; sign Body and Timestamp "
                    + "with your certificate (X.509 token profile)");
        }
        if (securities.size() > 1) {
            throw new XmlRefused("SignatureInvalid", "the request carries more than one wsse:Security header");
        }
        Element security = securities.get(0);
        refuseNotUnderstood(header);
        List<Element> signatures = children(security, XmlSignatureVerifier.DSIG_NS, "Signature");
        List<Element> timestamps = children(security, WSU_NS, "Timestamp");
        if (signatures.size() != 1 || timestamps.size() != 1) {
            throw new XmlRefused("SignatureRequired", "wsse:Security must hold exactly one ds:Signature and one wsu:Timestamp");
        }
        Element timestamp = timestamps.get(0);
        Instant created = checkFreshness(timestamp, now);

        X509Certificate certificate = token(security);
        Map<Element, String[]> ids = new java.util.HashMap<>();
        List<Element> identified = new ArrayList<>(List.of(body, timestamp));
        // header blocks the sender chose to sign too (e.g. a delivery header), addressed by their wsu:Id
        for (Node node = header.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element block && block != security) {
                identified.add(block);
            }
        }
        for (Element element : identified) {
            if (element.hasAttributeNS(WSU_NS, "Id")) {
                ids.put(element, new String[] {WSU_NS, "Id"});
            }
        }
        XmlSignatureVerifier.Verified verified = verifier.verify(signatures.get(0), ids, javax.xml.crypto.KeySelector.singletonKeySelector(certificate.getPublicKey()));
        // the signature must cover this very Body and this very Timestamp, not copies placed elsewhere
        boolean bodySigned = verified.signedElements().stream().anyMatch(e -> e == body);
        boolean timestampSigned = verified.signedElements().stream().anyMatch(e -> e == timestamp);
        if (!bodySigned || !timestampSigned) {
            throw new XmlRefused("SignatureInvalid", "the signature does not cover the envelope's own "
                    + (!bodySigned ? "Body" : "Timestamp") + " (signed content was moved or duplicated)");
        }
        String signatureValue = signatures.get(0).getElementsByTagNameNS(XmlSignatureVerifier.DSIG_NS, "SignatureValue")
                .item(0).getTextContent().replaceAll("\\s", "");
        if (!signatureValue.matches("[A-Za-z0-9+/]+={0,2}")) {
            throw new XmlRefused("SignatureInvalid", "ds:SignatureValue must be base64 only");
        }
        // the replay key is what the signature covers (SignedInfo: digests of Body and Timestamp), not the
        // signature's own text, which can be varied without breaking it
        Element signedInfo = child(signatures.get(0), XmlSignatureVerifier.DSIG_NS, "SignedInfo");
        String c14n = child(signedInfo, XmlSignatureVerifier.DSIG_NS, "CanonicalizationMethod").getAttribute("Algorithm");
        String replayKey = vn.gov.lmi.hub.trust.Digests.sha256Hex(XmlCanonicalizer.canonicalize(signedInfo, c14n));
        return new Verified(certificate, body, created, signatureValue, replayKey);
    }

    /** SOAP 1.1 section 4.2.3: a header block the receiver must understand but does not is a fault. */
    private static void refuseNotUnderstood(Element header) {
        for (Node node = header.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element block) {
                String mustUnderstand = block.getAttributeNS(SOAP_NS, "mustUnderstand").trim();
                boolean understood = WSSE_NS.equals(block.getNamespaceURI()) && "Security".equals(block.getLocalName());
                if (!understood && (mustUnderstand.equals("1") || mustUnderstand.equals("true"))) {
                    throw new XmlRefused("MustUnderstand", "header block {" + block.getNamespaceURI() + "}"
                            + block.getLocalName() + " is marked mustUnderstand but the hub does not process it");
                }
            }
        }
    }

    private Instant checkFreshness(Element timestamp, Instant now) {
        Element created = child(timestamp, WSU_NS, "Created");
        Element expires = child(timestamp, WSU_NS, "Expires");
        if (created == null || expires == null) {
            throw new XmlRefused("TimestampInvalid", "wsu:Timestamp must hold wsu:Created and wsu:Expires");
        }
        try {
            Instant from = Instant.parse(created.getTextContent().trim());
            Instant until = Instant.parse(expires.getTextContent().trim());
            if (from.isAfter(now.plus(clockSkew))) {
                throw new XmlRefused("TimestampInvalid", "wsu:Created " + from + " is in the future");
            }
            if (until.isBefore(now) || from.isBefore(now.minus(maxAge))) {
                throw new XmlRefused("TimestampExpired", "the request's timestamp (created " + from + ", expires " + until
                        + ") is outside the freshness window of " + maxAge);
            }
            return from;
        } catch (DateTimeParseException e) {
            throw new XmlRefused("TimestampInvalid", "wsu:Created and wsu:Expires must be UTC date-times, e.g. 2026-12-04T10:15:30Z");
        }
    }

    private static X509Certificate token(Element security) {
        List<Element> tokens = children(security, WSSE_NS, "BinarySecurityToken");
        if (tokens.size() != 1 || !X509_TOKEN.equals(tokens.get(0).getAttribute("ValueType"))) {
            throw new XmlRefused("SignatureInvalid", "wsse:Security must hold one X.509v3 wsse:BinarySecurityToken");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(tokens.get(0).getTextContent().trim());
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new XmlRefused("SignatureInvalid", "the BinarySecurityToken is not an X.509 certificate");
        }
    }

    static Element child(Element parent, String namespace, String localName) {
        List<Element> found = children(parent, namespace, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }
}
