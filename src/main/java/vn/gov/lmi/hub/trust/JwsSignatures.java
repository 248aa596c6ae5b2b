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

    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();
    private static final DefaultJWSSignerFactory SIGNERS = new DefaultJWSSignerFactory();

    private JwsSignatures() {
    }

    public static JWSVerifier verifier(JWSHeader header, Key key) throws JOSEException {
        return VERIFIERS.createJWSVerifier(header, key);
    }

    public static JWSSigner signer(JWK key) throws JOSEException {
        return SIGNERS.createJWSSigner(key);
    }

    /** True when {@code jws}'s signature verifies with {@code key} under the algorithm its header names. */
    public static boolean verify(JWSObject jws, Key key) throws JOSEException {
        return jws.verify(verifier(jws.getHeader(), key));
    }
}
