package vn.gov.lmi.hub.trust;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.util.JSONObjectUtils;

import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;

/**
 * Verifies partners' JWS (RFC 7515) with nimbus-jose-jwt under the hub's policy: only ES256, ES384, PS256 and
 * RS256; the signer's chain in {@code x5c}, validated like a TLS client certificate; EC keys on the curve the
 * algorithm names. {@code none}, HMAC and anything else are refused by name before any cryptography runs.
 */
public final class JwsPolicy {

    public static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.PS256,
            JWSAlgorithm.RS256);
    private static final String ALLOWED_TEXT = "ES256, ES384, PS256 or RS256";

    private JwsPolicy() {
    }

    /** A signature that verified: its protected header and the signer's validated chain, leaf first. */
    public record VerifiedJws(JWSObject jws, List<X509Certificate> chain) {
        public X509Certificate signer() {
            return chain.get(0);
        }

        public Object headerParameter(String name) {
            return jws.getHeader().getCustomParam(name);
        }
    }

    /**
     * Verifies a JWS in compact form. {@code detachedPayload} is the body for the detached form
     * ({@code header..signature}, RFC 7515 appendix F); null when the payload is inside the JWS.
     */
    public static VerifiedJws verify(String compact, byte[] detachedPayload, CertificateValidator validator) {
        String[] parts = compact.trim().split("\\.", -1);
        if (parts.length != 3) {
            throw new ProblemException(ProblemType.SIGNATURE_INVALID, "the JWS must be in compact form: three "
                    + "base64url parts separated by '.' (detached: header..signature)");
        }
        checkAlgorithm(parts[0]);
        JWSObject jws;
        try {
            jws = detachedPayload == null ? JWSObject.parse(compact.trim())
                    : JWSObject.parse(compact.trim(), new Payload(detachedPayload));
        } catch (ParseException e) {
            throw new ProblemException(ProblemType.SIGNATURE_INVALID, "the JWS cannot be parsed: " + e.getMessage());
        }
        if (detachedPayload != null && !parts[1].isEmpty()) {
            throw new ProblemException(ProblemType.SIGNATURE_INVALID, "send the JWS detached (header..signature): "
                    + "the body is the payload");
        }
        if (jws.getHeader().getX509CertChain() == null || jws.getHeader().getX509CertChain().isEmpty()) {
            throw new ProblemException(ProblemType.SIGNATURE_INVALID, "the JWS protected header must carry x5c, "
                    + "the signer's certificate chain");
        }
        List<X509Certificate> chain;
        try {
            chain = validator.validateX5c(jws.getHeader().getX509CertChain());
        } catch (ParseException e) {
            throw new ProblemException(ProblemType.SIGNATURE_INVALID, "x5c does not hold DER certificates: " + e.getMessage());
        }
        PublicKey key = chain.get(0).getPublicKey();
        if (!verifies(jws, key)) {
            throw new ProblemException(ProblemType.SIGNATURE_INVALID, "the signature does not match the body: it was "
                    + "changed after signing, or signed with another key than x5c's first certificate");
        }
        return new VerifiedJws(jws, chain);
    }

    /** Verifies with a given public key (no chain), still refusing algorithms outside the allow-list. */
    public static boolean verifyWithKey(JWSObject jws, java.security.Key key) {
        checkAlgorithm(jws.getHeader().toBase64URL().toString());
        return verifies(jws, key);
    }

    private static boolean verifies(JWSObject jws, java.security.Key key) {
        JWSAlgorithm algorithm = jws.getHeader().getAlgorithm();
        if (key instanceof ECPublicKey && !JWSAlgorithm.Family.EC.contains(algorithm)) {
            throw mismatch(algorithm, "an EC");
        }
        if (key instanceof RSAPublicKey && !JWSAlgorithm.Family.RSA.contains(algorithm)) {
            throw mismatch(algorithm, "an RSA");
        }
        if (!(key instanceof ECPublicKey) && !(key instanceof RSAPublicKey)) {
            throw new ProblemException(ProblemType.ALGORITHM_NOT_ALLOWED, "signer key type " + key.getAlgorithm()
                    + " is not allowed; use RSA or EC");
        }
        try {
            return JwsSignatures.verify(jws, key);
        } catch (JOSEException e) {
            throw new ProblemException(ProblemType.SIGNATURE_INVALID, "the signature cannot be checked: " + e.getMessage());
        }
    }

    private static ProblemException mismatch(JWSAlgorithm algorithm, String keyType) {
        return new ProblemException(ProblemType.SIGNATURE_INVALID, "alg " + algorithm + " does not fit the signer's "
                + "key (" + keyType + " key)");
    }

    /** Reads alg straight from the protected header so that none, HMAC and unknown names are refused by name. */
    private static void checkAlgorithm(String encodedHeader) {
        Map<String, Object> header;
        try {
            header = JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(encodedHeader),
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (ParseException | IllegalArgumentException e) {
            throw new ProblemException(ProblemType.SIGNATURE_INVALID, "the JWS protected header is not base64url JSON");
        }
        if (header.containsKey("b64") || header.containsKey("crit")) {
            // RFC 7797 unencoded payloads sign the body as text: several byte sequences could share one signature
            throw new ProblemException(ProblemType.SIGNATURE_INVALID, "the JWS protected header must not use b64 or "
                    + "crit: the body is signed base64url-encoded, as RFC 7515 defines");
        }
        Object alg = header.get("alg");
        if (!(alg instanceof String name)) {
            throw new ProblemException(ProblemType.SIGNATURE_INVALID, "the JWS protected header has no alg");
        }
        if (ALLOWED.stream().noneMatch(a -> a.getName().equals(name))) {
            String why = name.equalsIgnoreCase("none") ? "unsigned JWS are not accepted"
                    : name.startsWith("HS") ? "HMAC is a shared-secret algorithm and proves nothing about the sender"
                    : name.endsWith("1") || name.contains("SHA1") ? "SHA-1 is not allowed"
                    : "it is not on the hub's allow-list";
            throw new ProblemException(ProblemType.ALGORITHM_NOT_ALLOWED, "alg '" + name + "' is refused: " + why
                    + "; use " + ALLOWED_TEXT);
        }
    }
}
