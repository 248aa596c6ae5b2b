package vn.gov.lmi.hub.trust;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;

/**
 * The JWS mechanism (nimbus-jose-jwt factories): makes signers and verifiers for any JWS algorithm and key.
 * It judges nothing; what partners may use is {@link JwsPolicy}'s decision.
 */
public final class JwsSignatures {

    /**
     * ECDSA (ES256, ES384) through BouncyCastle: on Java 17 it signs about twice and verifies three to four times
     * as fast as the JDK's own provider, and ECDSA is the top cost of every exchange (bench/README.md, profile).
     */
    static final java.security.Provider ECDSA_PROVIDER = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    /** Partners' EC public keys as BouncyCastle key objects (see {@link #ecdsaPublicKey}). */
    private static final Map<Key, Key> ECDSA_KEYS = new ConcurrentHashMap<>();
    private static final int ECDSA_KEYS_REMEMBERED = 1024;
    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();
    private static final DefaultJWSSignerFactory SIGNERS = new DefaultJWSSignerFactory();

    private JwsSignatures() {
    }

    public static JWSVerifier verifier(JWSHeader header, Key key) throws JOSEException {
        boolean ec = key instanceof java.security.interfaces.ECKey;
        JWSVerifier verifier = VERIFIERS.createJWSVerifier(header, ec ? ecdsaPublicKey(key) : key);
        if (ec) {
            verifier.getJCAContext().setProvider(ECDSA_PROVIDER);
        }
        return verifier;
    }

    /**
     * A partner's EC public key as BouncyCastle's own key object, made once and remembered. Given a JDK key,
     * BouncyCastle rebuilds the curve's generator point for every operation and so redoes its precomputed
     * multiples each time: its own key object verifies about twice as fast (bench/README.md).
     */
    private static Key ecdsaPublicKey(Key key) {
        Key known = ECDSA_KEYS.get(key);
        if (known == null) {
            known = translated(key);
            if (ECDSA_KEYS.size() >= ECDSA_KEYS_REMEMBERED) {
                ECDSA_KEYS.clear(); // far more keys than partners: start over rather than track usage
            }
            ECDSA_KEYS.put(key, known);
        }
        return known;
    }

    @SuppressWarnings("unchecked")
    private static <K extends Key> K translated(K key) {
        try {
            return (K) KeyFactory.getInstance("EC", ECDSA_PROVIDER).translateKey(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the EC key cannot be used for ECDSA: " + e.getMessage(), e);
        }
    }

    /**
     * An ES256 or ES384 signer for the hub's own key: the JDK hashes the signing input (SHA-2 with the CPU's
     * intrinsics) and BouncyCastle signs the digest. Through BouncyCastle's SHA256withECDSA its pure-Java SHA-256
     * was a quarter of the CPU of serving signed pages of 250 KB (bench/README.md). The JWS is the same. The key
     * is translated once into BouncyCastle's own key object, which signs three to four times as fast as a JDK key.
     */
    static JWSSigner ecdsaSigner(java.security.interfaces.ECPrivateKey key, JWSAlgorithm algorithm) {
        java.security.PrivateKey ecdsaKey = translated((java.security.PrivateKey) key);
        String digest = algorithm.equals(JWSAlgorithm.ES384) ? "SHA-384" : "SHA-256";
        JCAContext context = new JCAContext();
        return new JWSSigner() {
            @Override
            public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
                try {
                    java.security.Signature ecdsa = java.security.Signature.getInstance("NONEwithECDSA", ECDSA_PROVIDER);
                    ecdsa.initSign(ecdsaKey);
                    ecdsa.update(java.security.MessageDigest.getInstance(digest).digest(signingInput));
                    return Base64URL.encode(ECDSA.transcodeSignatureToConcat(ecdsa.sign(),
                            ECDSA.getSignatureByteArrayLength(algorithm)));
                } catch (GeneralSecurityException e) {
                    throw new JOSEException("ECDSA signing failed: " + e.getMessage(), e);
                }
            }

            @Override
            public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                return Set.of(algorithm);
            }

            @Override
            public JCAContext getJCAContext() {
                return context;
            }
        };
    }

    public static JWSSigner signer(JWK key) throws JOSEException {
        return SIGNERS.createJWSSigner(key);
    }

    /** True when {@code jws}'s signature verifies with {@code key} under the algorithm its header names. */
    public static boolean verify(JWSObject jws, Key key) throws JOSEException {
        return jws.verify(verifier(jws.getHeader(), key));
    }
}
