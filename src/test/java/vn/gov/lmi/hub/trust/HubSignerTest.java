package vn.gov.lmi.hub.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.gov.lmi.hub.support.TestPartners;

/**
 * The hub's ECDSA signatures (the JDK's SHA-2, BouncyCastle's ECDSA over the digest) are plain RFC 7515 JWS:
 * nimbus-jose's own verifier on the JDK's provider accepts them, for a page-sized payload too, and refuses
 * them once a byte of the payload changes.
 */
class HubSignerTest {

    @ParameterizedTest
    @CsvSource({"hub/hub-signing, ES256", "partners/dolisa-hanoi, ES384"})
    void detachedSignaturesVerifyWithAStandardVerifierAndFailOnAChangedPayload(String identity, String algorithm)
            throws Exception {
        HubSigner signer = new HubSigner(PemFiles.readPrivateKey(TestPartners.CERTS.resolve(identity + ".key.pem")),
                PemFiles.readCertificates(TestPartners.CERTS.resolve(identity + ".crt.pem")));
        byte[] page = ("{\"records\":[" + "{\"key\":\"01:2025-H1\",\"value\":12345},".repeat(8000) + "{}]}")
                .getBytes(StandardCharsets.UTF_8);

        String detached = signer.signDetached(page, Map.of("lmi-dataset", "job-vacancy"));

        JWSObject jws = JWSObject.parse(detached, new Payload(page));
        assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.parse(algorithm));
        ECDSAVerifier jdkVerifier = new ECDSAVerifier((ECPublicKey) signer.chain().get(0).getPublicKey());
        assertThat(jws.verify(jdkVerifier)).isTrue();

        byte[] changed = page.clone();
        changed[page.length / 2] ^= 1;
        assertThat(JWSObject.parse(detached, new Payload(changed)).verify(jdkVerifier)).isFalse();
    }

    @Test
    void everySignatureOfTheSamePayloadIsFreshAndVerifies() throws Exception {
        HubSigner signer = new HubSigner(PemFiles.readPrivateKey(TestPartners.CERTS.resolve("hub/hub-signing.key.pem")),
                PemFiles.readCertificates(TestPartners.CERTS.resolve("hub/hub-signing.crt.pem")));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String first = signer.signDetached(body, Map.of());
        String second = signer.signDetached(body, Map.of());
        assertThat(first).isNotEqualTo(second);
        ECDSAVerifier jdkVerifier = new ECDSAVerifier((ECPublicKey) signer.chain().get(0).getPublicKey());
        assertThat(JWSObject.parse(first, new Payload(body)).verify(jdkVerifier)).isTrue();
        assertThat(JWSObject.parse(second, new Payload(body)).verify(jdkVerifier)).isTrue();
    }
}
