package vn.gov.lmi.hub.trust;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** Certificate fingerprints as the registry writes them: SHA-256, colon-separated upper-case hex. */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(Digests.sha256(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /** Accepts colon-separated or plain hex, either case; returns the canonical form, or null if not 32 bytes. */
    public static String normalize(String text) {
        String hex = text.replace(":", "").trim().toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            return null;
        }
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
    }
}
