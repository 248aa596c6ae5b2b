package vn.gov.lmi.hub.trust;

import java.security.Key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;

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
    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();
    private static final DefaultJWSSignerFactory SIGNERS = new DefaultJWSSignerFactory();

    private JwsSignatures() {
    }

    public static JWSVerifier verifier(JWSHeader header, Key key) throws JOSEException {
        JWSVerifier verifier = VERIFIERS.createJWSVerifier(header, key);
        if (key instanceof java.security.interfaces.ECKey) {
            verifier.getJCAContext().setProvider(ECDSA_PROVIDER);
        }
        return verifier;
    }

    public static JWSSigner signer(JWK key) throws JOSEException {
        return SIGNERS.createJWSSigner(key);
    }

    /** True when {@code jws}'s signature verifies with {@code key} under the algorithm its header names. */
    public static boolean verify(JWSObject jws, Key key) throws JOSEException {
        return jws.verify(verifier(jws.getHeader(), key));
    }
}
