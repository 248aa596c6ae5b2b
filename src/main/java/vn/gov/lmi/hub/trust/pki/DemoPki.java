package vn.gov.lmi.hub.trust.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import vn.gov.lmi.hub.trust.PemFiles;

/**
 * Writes the demo PKI that the hub's defaults use: a root CA marked for testing only, the hub's TLS and
 * signing certificates, partner and operator certificates, an expired one, a revoked one with its CRL, and one
 * from a CA the hub does not trust. Layout and inspection commands: {@code certs-example/README.md}.
 */
public final class DemoPki {

    /** Password of every PKCS#12 file of the demo PKI. */
    public static final String PKCS12_PASSWORD = "lmi-demo";
    public static final List<String> PARTNERS = List.of("molisa-portal", "npsp", "dolisa-hanoi", "ngsp");
    public static final String EXPIRED_PARTNER = "expired-partner";
    public static final String REVOKED_PARTNER = "revoked-partner";
    public static final String UNTRUSTED_PARTNER = "untrusted-partner";
    public static final String OPERATOR = "ops-admin";
    /** The partner that routes/README.md adds in five steps. */
    public static final String EXAMPLE_PARTNER = "vieclam-danang";

    /** Most significant first (C, O, OU, CN), so that tools print subjects as "CN=..., OU=..., O=..., C=VN". */
    private static final String ORGANISATION = "C=VN, O=LMI Exchange Hub demo PKI - FOR TESTING ONLY, ";
    private static final Duration LEAF_LIFETIME = Duration.ofDays(3650);
    private static final Duration CA_LIFETIME = Duration.ofDays(7300);

    private final Path dir;
    private final List<Path> written = new ArrayList<>();

    private DemoPki(Path dir) {
        this.dir = dir;
    }

    /** Generates the whole demo PKI under {@code dir}; returns the files written. */
    public static List<Path> generate(Path dir) throws IOException {
        DemoPki pki = new DemoPki(dir);
        pki.writeAll();
        return pki.written;
    }

    private void writeAll() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = now.minus(Duration.ofDays(1));

        KeyPair rootKeys = CertificateAuthority.rsaKeys(3072);
        CertificateAuthority root = CertificateAuthority.createRoot(
                ORGANISATION + "CN=LMI Hub Demo Root CA - FOR TESTING ONLY", rootKeys, from, now.plus(CA_LIFETIME));
        write("ca/root-ca.crt.pem", root.certificate());
        write("ca/root-ca.key.pem", root.privateKey());

        leaf(root, "hub/hub-tls", ORGANISATION + "OU=hub TLS, CN=localhost", CertificateAuthority.ecKeys("secp256r1"),
                CertificateAuthority.Profile.TLS_SERVER, from, now.plus(LEAF_LIFETIME), List.of("localhost", "127.0.0.1"));
        leaf(root, "hub/hub-signing", ORGANISATION + "OU=hub, CN=LMI Exchange Hub signing",
                CertificateAuthority.ecKeys("secp256r1"), CertificateAuthority.Profile.DOCUMENT_SIGNING, from,
                now.plus(LEAF_LIFETIME), List.of());

        leaf(root, "hub/hub-client", ORGANISATION + "OU=hub, CN=LMI Exchange Hub client",
                CertificateAuthority.ecKeys("secp256r1"), CertificateAuthority.Profile.TLS_CLIENT_AND_SIGNING, from,
                now.plus(LEAF_LIFETIME), List.of());

        leafForPartner(root, "molisa-portal", CertificateAuthority.rsaKeys(2048), from, now.plus(LEAF_LIFETIME));
        leafForPartner(root, "npsp", CertificateAuthority.ecKeys("secp256r1"), from, now.plus(LEAF_LIFETIME));
        leafForPartner(root, "dolisa-hanoi", CertificateAuthority.ecKeys("secp384r1"), from, now.plus(LEAF_LIFETIME));
        leafForPartner(root, "ngsp", CertificateAuthority.ecKeys("secp256r1"), from, now.plus(LEAF_LIFETIME));
        // not in routes/partners.yaml: the partner added by the walkthrough in routes/README.md
        leafForPartner(root, EXAMPLE_PARTNER, CertificateAuthority.ecKeys("secp256r1"), from, now.plus(LEAF_LIFETIME));
        leaf(root, "operators/" + OPERATOR, ORGANISATION + "OU=operator, CN=" + OPERATOR,
                CertificateAuthority.ecKeys("secp256r1"), CertificateAuthority.Profile.TLS_CLIENT_AND_SIGNING, from,
                now.plus(LEAF_LIFETIME), List.of());

        leafForPartner(root, EXPIRED_PARTNER, CertificateAuthority.ecKeys("secp256r1"),
                now.minus(Duration.ofDays(730)), now.minus(Duration.ofDays(365)));
        X509Certificate revoked = leafForPartner(root, REVOKED_PARTNER, CertificateAuthority.ecKeys("secp256r1"),
                from, now.plus(LEAF_LIFETIME));
        root.revoke(revoked, now);
        write("ca/root-ca.crl.pem", root.crl(now, now.plus(LEAF_LIFETIME)));

        CertificateAuthority untrusted = CertificateAuthority.createRoot(ORGANISATION
                + "CN=Untrusted Demo CA - FOR TESTING ONLY", CertificateAuthority.ecKeys("secp256r1"), from, now.plus(CA_LIFETIME));
        write("untrusted-ca/untrusted-ca.crt.pem", untrusted.certificate());
        write("untrusted-ca/untrusted-ca.key.pem", untrusted.privateKey());
        leafForPartner(untrusted, UNTRUSTED_PARTNER, CertificateAuthority.ecKeys("secp256r1"), from, now.plus(LEAF_LIFETIME));
    }

    private X509Certificate leafForPartner(CertificateAuthority ca, String id, KeyPair keys, Instant from, Instant until)
            throws IOException {
        return leaf(ca, "partners/" + id, ORGANISATION + "OU=partner, CN=" + id, keys,
                CertificateAuthority.Profile.TLS_CLIENT_AND_SIGNING, from, until, List.of());
    }

    private X509Certificate leaf(CertificateAuthority ca, String name, String subject, KeyPair keys,
                                 CertificateAuthority.Profile profile, Instant from, Instant until, List<String> dnsNames)
            throws IOException {
        X509Certificate certificate = ca.issue(subject, keys.getPublic(), profile, from, until, dnsNames);
        write(name + ".crt.pem", certificate);
        write(name + ".key.pem", keys.getPrivate());
        Path p12 = dir.resolve(name + ".p12");
        char[] password = PKCS12_PASSWORD.toCharArray();
        String alias = name.substring(name.indexOf('/') + 1);
        PemFiles.writePkcs12(p12, PemFiles.pkcs12(alias, keys.getPrivate(), List.of(certificate, ca.certificate()), password),
                password);
        written.add(p12);
        return certificate;
    }

    private void write(String name, Object pemObject) throws IOException {
        Path file = dir.resolve(name);
        PemFiles.writePem(file, pemObject);
        written.add(file);
    }

    /** True when {@code dir} already holds a demo PKI (its root certificate). */
    public static boolean existsIn(Path dir) {
        return Files.exists(dir.resolve("ca/root-ca.crt.pem"));
    }
}
