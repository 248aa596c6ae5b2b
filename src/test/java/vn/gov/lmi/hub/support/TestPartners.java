package vn.gov.lmi.hub.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import vn.gov.lmi.hub.partners.SubmissionSignatures;
import vn.gov.lmi.hub.trust.CertificateValidator;
import vn.gov.lmi.hub.trust.HubSigner;
import vn.gov.lmi.hub.trust.PemFiles;
import vn.gov.lmi.hub.trust.pki.CertificateAuthority;
import vn.gov.lmi.hub.trust.pki.DemoPki;

/**
 * The demo PKI's identities as test clients: an HTTPS client presenting the identity's certificate (trusting
 * only the demo root for the hub's server certificate) and the identity's JWS signer.
 */
public final class TestPartners {

    public static final Path CERTS = Path.of("certs-example").toAbsolutePath();
    private static final Map<String, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private TestPartners() {
    }

    /** {@code partners/<id>} or {@code operators/<id>} of the demo PKI. */
    public static Path identity(String id) {
        Path partner = CERTS.resolve("partners").resolve(id + ".p12");
        return Files.exists(partner) ? CERTS.resolve("partners").resolve(id) : CERTS.resolve("operators").resolve(id);
    }

    /** An HTTPS client presenting {@code id}'s certificate; null id: a client with no certificate. */
    public static HttpClient client(String id) {
        return CLIENTS.computeIfAbsent(id == null ? "" : id, k -> build(id == null ? null : keyStore(id), "lmi-demo"));
    }

    /** An HTTPS client presenting any key and chain (e.g. a weak key made by a test). */
    public static HttpClient client(PrivateKey key, List<X509Certificate> chain) {
        char[] password = DemoPki.PKCS12_PASSWORD.toCharArray();
        return build(PemFiles.pkcs12("client", key, chain, password), DemoPki.PKCS12_PASSWORD);
    }

    public static HubSigner signer(String id) {
        Path base = identity(id);
        return new HubSigner(PemFiles.readPrivateKey(Path.of(base + ".key.pem")), PemFiles.readCertificates(Path.of(base + ".crt.pem")));
    }

    /** The detached JWS a partner sends with a submission, bound to dataset and idempotency key. */
    public static String sign(String id, byte[] body, String dataset, String idempotencyKey) {
        return signer(id).signDetached(body, Map.of(SubmissionSignatures.BOUND_DATASET, dataset,
                SubmissionSignatures.BOUND_IDEMPOTENCY_KEY, idempotencyKey));
    }

    /** Validates chains as the hub's default configuration does: the demo root and its CRL. */
    public static CertificateValidator demoTrust() {
        return new CertificateValidator(List.of(root()), List.of(PemFiles.readCrl(CERTS.resolve("ca/root-ca.crl.pem"))), 2048);
    }

    /** The demo root CA, able to issue certificates a test needs (weak keys, SHA-1, unregistered, a TSA). */
    public static CertificateAuthority demoCa() {
        return new CertificateAuthority(root(), PemFiles.readPrivateKey(CERTS.resolve("ca/root-ca.key.pem")));
    }

    /** A client/signing certificate from the demo root, valid for a day, signed with {@code signatureAlgorithm}. */
    public static X509Certificate issue(String subject, java.security.PublicKey key, String signatureAlgorithm) {
        return demoCa().issue(subject, key, CertificateAuthority.Profile.TLS_CLIENT_AND_SIGNING,
                java.time.Instant.now().minusSeconds(60), java.time.Instant.now().plus(Duration.ofDays(1)), List.of(),
                signatureAlgorithm);
    }

    public static X509Certificate root() {
        return PemFiles.readCertificate(CERTS.resolve("ca/root-ca.crt.pem"));
    }

    private static KeyStore keyStore(String id) {
        try (InputStream in = Files.newInputStream(Path.of(identity(id) + ".p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, DemoPki.PKCS12_PASSWORD.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the demo PKCS#12 of " + id, e);
        }
    }

    /** The TLS context presenting {@code id}'s certificate and trusting the demo root, for other HTTP clients. */
    public static SSLContext sslContext(String id) {
        return tls(keyStore(id), DemoPki.PKCS12_PASSWORD);
    }

    private static HttpClient build(KeyStore identity, String password) {
        return HttpClient.newBuilder().sslContext(tls(identity, password)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static SSLContext tls(KeyStore identity, String password) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("demo-root", root());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            KeyManagerFactory keyManagers = null;
            if (identity != null) {
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(identity, password.toCharArray());
            }
            tls.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS client", e);
        }
    }
}
