package vn.gov.lmi.hub.trust.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;
import vn.gov.lmi.hub.system.HubCommandLine;
import vn.gov.lmi.hub.trust.CertificateValidator;
import vn.gov.lmi.hub.trust.PemFiles;

/** {@code pki init <dir>} writes a complete demo PKI whose certificates are what their names say. */
class PkiInitCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesEveryCertificateTheHubAndItsTestsNeed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = HubCommandLine.run(new String[] {"pki", "init", dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("demo PKI (FOR TESTING ONLY) written to " + dir + ": 41 files");

        X509Certificate root = PemFiles.readCertificate(dir.resolve("ca/root-ca.crt.pem"));
        assertThat(root.getSubjectX500Principal().getName()).startsWith("CN=LMI Hub Demo Root CA - FOR TESTING ONLY");
        assertThat(root.getBasicConstraints()).isNotNegative();
        X509CRL crl = PemFiles.readCrl(dir.resolve("ca/root-ca.crl.pem"));
        crl.verify(root.getPublicKey());
        CertificateValidator validator = new CertificateValidator(List.of(root), List.of(crl), 2048);

        for (String partner : List.of("partners/molisa-portal", "partners/npsp", "partners/dolisa-hanoi", "operators/ops-admin",
                "hub/hub-tls", "hub/hub-signing", "hub/hub-client")) {
            X509Certificate certificate = PemFiles.readCertificate(dir.resolve(partner + ".crt.pem"));
            assertThat(validator.validate(List.of(certificate))).isEqualTo(certificate);
            assertThat(pkcs12Key(dir.resolve(partner + ".p12"))).isEqualTo(PemFiles.readPrivateKey(dir.resolve(partner + ".key.pem")));
        }
        assertThat(PemFiles.readCertificate(dir.resolve("hub/hub-tls.crt.pem")).getSubjectAlternativeNames())
                .extracting(n -> (Object) n.get(1)).containsExactly("localhost", "127.0.0.1");
        assertRefused(validator, "partners/expired-partner", ProblemType.CERTIFICATE_EXPIRED);
        assertRefused(validator, "partners/revoked-partner", ProblemType.CERTIFICATE_REVOKED);
        assertRefused(validator, "partners/untrusted-partner", ProblemType.CERTIFICATE_UNTRUSTED);
        assertThat(crl.isRevoked(PemFiles.readCertificate(dir.resolve("partners/revoked-partner.crt.pem")))).isTrue();
        assertThat(crl.getRevokedCertificates()).hasSize(1);
    }

    @Test
    void refusesToOverwriteWithoutForce() {
        assertThat(HubCommandLine.run(new String[] {"pki", "init", dir.toString()}, System.out, System.err)).isZero();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(HubCommandLine.run(new String[] {"pki", "init", dir.toString()}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(dir + " already holds a demo PKI (ca/root-ca.crt.pem); add --force");
    }

    private void assertRefused(CertificateValidator validator, String name, ProblemType expected) {
        X509Certificate certificate = PemFiles.readCertificate(dir.resolve(name + ".crt.pem"));
        assertThatThrownBy(() -> validator.validate(List.of(certificate)))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).isEqualTo(expected));
    }

    private static PrivateKey pkcs12Key(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, DemoPki.PKCS12_PASSWORD.toCharArray());
        }
        String alias = store.aliases().nextElement();
        assertThat(store.getCertificateChain(alias)).hasSize(2);
        return (PrivateKey) store.getKey(alias, DemoPki.PKCS12_PASSWORD.toCharArray());
    }
}
