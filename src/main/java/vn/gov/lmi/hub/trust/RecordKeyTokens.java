package vn.gov.lmi.hub.trust;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Stands in for a record key wherever the key itself must not appear (message properties, group ids, broker
 * consoles, the delivery archive, pseudonymised pulls): an HMAC-SHA256 of dataset and key under a secret
 * derived from the hub's signing key. A plain hash would not do: a citizen id has few enough values to try
 * them all.
 */
@Component
public class RecordKeyTokens {

    private final byte[] secret;

    public RecordKeyTokens(HubSigner signer) {
        byte[] label = "lmi-hub record key tokens".getBytes(StandardCharsets.UTF_8);
        byte[] key = signer.privateKey().getEncoded();
        byte[] both = new byte[label.length + key.length];
        System.arraycopy(label, 0, both, 0, label.length);
        System.arraycopy(key, 0, both, label.length, key.length);
        this.secret = Digests.sha256(both);
    }

    /** 32 base64url characters, stable for a dataset and key across restarts. */
    public String token(String datasetId, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] tag = mac.doFinal((datasetId + "\n" + key).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }
}
