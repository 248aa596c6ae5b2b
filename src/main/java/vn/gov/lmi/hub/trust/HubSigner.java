package vn.gov.lmi.hub.trust;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.system.HubProperties;

/**
 * Signs what the hub says with its signing certificate: JWS (detached, x5c = the hub's chain) over receipts,
 * pull pages, problems and outbound messages, and CMS over exports ({@link CmsSigner}).
 */
@Component
public class HubSigner {

    /** The HTTP header (and, without dashes, the JMS property) that carries a detached JWS. */
    public static final String SIGNATURE_HEADER = "X-JWS-Signature";
    /** The JMS message property carrying the detached JWS of the message body (JMS names allow no dashes). */
    public static final String SIGNATURE_PROPERTY = "lmiJwsSignature";

    private static final java.util.Base64.Encoder PAYLOAD_ENCODER = java.util.Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;
    private final List<Base64> x5c;

    @Autowired
    public HubSigner(HubProperties properties) {
        this(PemFiles.readPrivateKey(properties.trust().signing().privateKey()),
                PemFiles.readCertificates(properties.trust().signing().certificate()));
    }

    public HubSigner(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = List.copyOf(chain);
        try {
            if (key instanceof ECPrivateKey ec) {
                int bits = ec.getParams().getCurve().getField().getFieldSize();
                if (bits != 256 && bits != 384) {
                    throw new IllegalArgumentException("an EC signing key must be on P-256 or P-384 (ES256, ES384), not a "
                            + bits + "-bit curve");
                }
                this.algorithm = bits == 384 ? JWSAlgorithm.ES384 : JWSAlgorithm.ES256;
                this.signer = JwsSignatures.ecdsaSigner(ec, algorithm);
            } else if (key instanceof RSAPrivateKey rsa) {
                this.algorithm = JWSAlgorithm.PS256;
                this.signer = new RSASSASigner(rsa);
            } else {
                throw new IllegalArgumentException("the hub signing key must be RSA or EC, not " + key.getAlgorithm());
            }
            List<Base64> encoded = new ArrayList<>();
            for (X509Certificate certificate : chain) {
                encoded.add(Base64.encode(certificate.getEncoded()));
            }
            this.x5c = List.copyOf(encoded);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the hub signing key or certificate cannot be used: " + e.getMessage(), e);
        }
    }

    /** A detached compact JWS ({@code header..signature}) over {@code payload}, with extra protected header fields. */
    public String signDetached(byte[] payload, Map<String, Object> protectedFields) {
        JWSHeader header = new JWSHeader.Builder(algorithm)
                .type(JOSEObjectType.JOSE)
                .x509CertChain(x5c)
                .customParams(protectedFields.isEmpty() ? null : protectedFields)
                .build();
        // encoded with the JDK's codec rather than nimbus-jose's constant-time one: the payload is no secret, and a
        // signed page of 500 records is about 250 KB
        JWSObject jws = new JWSObject(header, new Payload(new Base64URL(PAYLOAD_ENCODER.encodeToString(payload))));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("JWS signing failed", e);
        }
        return jws.serialize(true);
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    public PrivateKey privateKey() {
        return key;
    }
}
