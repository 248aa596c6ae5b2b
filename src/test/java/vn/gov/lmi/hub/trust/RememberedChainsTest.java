package vn.gov.lmi.hub.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.util.Base64;

import org.junit.jupiter.api.Test;

import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;
import vn.gov.lmi.hub.support.MutableClock;
import vn.gov.lmi.hub.support.TestPartners;
import vn.gov.lmi.hub.trust.pki.CertificateAuthority;

/**
 * A chain that passed is remembered, so that a partner's chain is validated once rather than with every request;
 * the memory must never outlive the verdict: it lapses when a certificate of the chain expires or when the CRLs
 * are due for their next update.
 */
class RememberedChainsTest {

    private final CertificateAuthority ca = TestPartners.demoCa();
    private final Instant start = Instant.now();
    private final MutableClock clock = new MutableClock(start);

    @Test
    void aRememberedChainIsRefusedOnceItsCertificateHasExpired() throws Exception {
        X509Certificate shortLived = issue("CN=short-lived", start.plus(Duration.ofHours(1)));
        CertificateValidator validator = validator(start.plus(Duration.ofDays(7)));

        assertThat(validator.validate(List.of(shortLived))).isEqualTo(shortLived);
        assertThat(validator.validateX5c(x5c(shortLived))).containsExactly(shortLived);
        assertThat(validator.validate(List.of(shortLived))).isEqualTo(shortLived);

        clock.advance(Duration.ofHours(2));
        assertRefused(() -> validator.validate(List.of(shortLived)), ProblemType.CERTIFICATE_EXPIRED, "expired on");
        assertRefused(() -> validator.validateX5c(x5c(shortLived)), ProblemType.CERTIFICATE_EXPIRED, "expired on");
    }

    @Test
    void aRememberedChainIsCheckedAgainWhenTheCrlIsDueAndFailsClosedWithoutANewOne() throws Exception {
        X509Certificate partner = issue("CN=long-lived", start.plus(Duration.ofDays(30)));
        CertificateValidator validator = validator(start.plus(Duration.ofHours(1)));

        assertThat(validator.validateX5c(x5c(partner))).containsExactly(partner);
        assertThat(validator.validate(List.of(partner))).isEqualTo(partner);

        clock.advance(Duration.ofHours(3));
        assertRefused(() -> validator.validateX5c(x5c(partner)), ProblemType.CERTIFICATE_UNTRUSTED, "no current CRL");
        assertRefused(() -> validator.validate(List.of(partner)), ProblemType.CERTIFICATE_UNTRUSTED, "no current CRL");
    }

    @Test
    void aRefusedChainIsNotRememberedAsPassing() throws Exception {
        X509Certificate partner = issue("CN=revoked-later", start.plus(Duration.ofDays(30)));
        ca.revoke(partner, start.minusSeconds(30));
        CertificateValidator validator = validator(start.plus(Duration.ofDays(1)));

        assertRefused(() -> validator.validateX5c(x5c(partner)), ProblemType.CERTIFICATE_REVOKED, "is revoked");
        assertRefused(() -> validator.validateX5c(x5c(partner)), ProblemType.CERTIFICATE_REVOKED, "is revoked");
        assertRefused(() -> validator.validate(List.of(partner)), ProblemType.CERTIFICATE_REVOKED, "is revoked");
    }

    private CertificateValidator validator(Instant crlNextUpdate) {
        return new CertificateValidator(List.of(TestPartners.root()), List.of(ca.crl(start.minusSeconds(60), crlNextUpdate)),
                2048, clock);
    }

    private X509Certificate issue(String subject, Instant notAfter) {
        return ca.issue(subject, CertificateAuthority.ecKeys("secp256r1").getPublic(),
                CertificateAuthority.Profile.TLS_CLIENT_AND_SIGNING, start.minusSeconds(60), notAfter, List.of());
    }

    private static List<Base64> x5c(X509Certificate certificate) throws Exception {
        return List.of(Base64.encode(certificate.getEncoded()));
    }

    private static void assertRefused(ThrowingCall call, ProblemType type, String detailPart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.type()).isEqualTo(type);
            assertThat(p.detail()).contains(detailPart);
        });
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }
}
