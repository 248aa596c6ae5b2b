package vn.gov.lmi.hub.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.util.Base64URL;

import org.junit.jupiter.api.Test;

import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;
import vn.gov.lmi.hub.support.TestPartners;
import vn.gov.lmi.hub.trust.pki.CertificateAuthority;

/** Corners of the certificate and JWS policy that the HTTP tests do not reach. */
class CertificatePolicyTest {

    private final CertificateValidator validator = TestPartners.demoTrust();
    private final CertificateAuthority ca = TestPartners.demoCa();

    @Test
    void rsaPssOverSha1IsRefusedAndOverSha256Accepted() {
        KeyPair keys = CertificateAuthority.rsaKeys(2048);
        X509Certificate sha1Pss = ca.issue("CN=pss-sha1", keys.getPublic(), CertificateAuthority.Profile.TLS_CLIENT_AND_SIGNING,
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), List.of(), "SHA1withRSAandMGF1");
        assertThat(sha1Pss.getSigAlgName()).isEqualToIgnoringCase("RSASSA-PSS");
        assertRefused(() -> validator.validate(List.of(sha1Pss)), ProblemType.ALGORITHM_NOT_ALLOWED, "RSASSA-PSS over SHA-1");

        X509Certificate sha256Pss = ca.issue("CN=pss-sha256", keys.getPublic(), CertificateAuthority.Profile.TLS_CLIENT_AND_SIGNING,
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), List.of(), "SHA256withRSAandMGF1");
        assertThat(validator.validate(List.of(sha256Pss))).isEqualTo(sha256Pss);
    }

    @Test
    void aTrustAnchorIsNeverTheLeaf() {
        X509Certificate npsp = PemFiles.readCertificate(TestPartners.CERTS.resolve("partners/npsp.crt.pem"));
        assertRefused(() -> validator.validate(List.of(TestPartners.root(), npsp)), ProblemType.CERTIFICATE_UNTRUSTED,
                "is a trust anchor, not a partner certificate");
        assertThat(validator.validate(List.of(npsp, TestPartners.root()))).isEqualTo(npsp);
    }

    @Test
    void p521KeysAreRefusedBecauseNoAllowedJwsAlgorithmUsesThem() {
        KeyPair keys = CertificateAuthority.ecKeys("secp521r1");
        X509Certificate certificate = ca.issue("CN=p521", keys.getPublic(), CertificateAuthority.Profile.TLS_CLIENT_AND_SIGNING,
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), List.of());
        assertRefused(() -> validator.validate(List.of(certificate)), ProblemType.KEY_TOO_WEAK, "P-256 or P-384 is required");
    }

    @Test
    void unencodedPayloadJwsIsRefused() throws Exception {
        X509Certificate npsp = PemFiles.readCertificate(TestPartners.CERTS.resolve("partners/npsp.crt.pem"));
        String header = Base64URL.encode(new ObjectMapper().writeValueAsBytes(Map.of("alg", "ES256", "b64", false,
                "crit", List.of("b64"), "x5c", List.of(Base64.getEncoder().encodeToString(npsp.getEncoded()))))).toString();
        assertRefused(() -> JwsPolicy.verify(header + "..c2ln", "{}".getBytes(StandardCharsets.UTF_8), validator),
                ProblemType.SIGNATURE_INVALID, "must not use b64 or crit");
    }

    private static void assertRefused(Runnable call, ProblemType type, String detailPart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.type()).isEqualTo(type);
            assertThat(p.detail()).contains(detailPart);
        });
    }
}
