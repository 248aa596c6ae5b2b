package vn.gov.lmi.hub.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.gov.lmi.hub.partners.SubmissionSignatures;
import vn.gov.lmi.hub.support.Examples;
import vn.gov.lmi.hub.support.HubIntegrationTest;
import vn.gov.lmi.hub.support.TestPartners;
import vn.gov.lmi.hub.trust.pki.CertificateAuthority;

/**
 * Every way of not belonging, each refused with its own problem, written to the message log, and nothing
 * stored: certificates (missing, expired, revoked, untrusted, weak, SHA-1, unregistered) and signatures
 * (missing, altered body, none, HMAC with the public key, another partner's, bound to another request).
 */
class TrustRefusalsIT extends HubIntegrationTest {

    private static final String DATASET = "labor-supply-person";
    private static final String PATH = "/datasets/" + DATASET + "/records";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;

    private final String body = Examples.firstValid(DATASET);

    @Test
    void noClientCertificate() throws Exception {
        assertRefused(() -> send((String) null, signedRequest(PARTNER, body, DATASET, "k")), 401,
                "client-certificate-required", "connect over HTTPS with your partner certificate");
    }

    @Test
    void expiredCertificate() throws Exception {
        assertRefused(() -> send("expired-partner", signedRequest(PARTNER, body, DATASET, "k")), 401,
                "certificate-expired", "CN=expired-partner");
    }

    @Test
    void revokedCertificate() throws Exception {
        assertRefused(() -> send("revoked-partner", signedRequest(PARTNER, body, DATASET, "k")), 401,
                "certificate-revoked", "is revoked by its CA's CRL");
    }

    @Test
    void certificateFromAnUntrustedCa() throws Exception {
        assertRefused(() -> send("untrusted-partner", signedRequest(PARTNER, body, DATASET, "k")), 401,
                "certificate-untrusted", "issued by 'CN=Untrusted Demo CA - FOR TESTING ONLY,O=LMI Exchange Hub demo PKI - FOR TESTING ONLY,C=VN'");
    }

    @Test
    void rsa1024ClientCertificate() throws Exception {
        KeyPair weak = CertificateAuthority.rsaKeys(1024);
        X509Certificate certificate = TestPartners.issue("CN=weak-partner", weak.getPublic(), "SHA256withRSA");
        assertRefused(() -> send(TestPartners.client(weak.getPrivate(), List.of(certificate)),
                signedRequest(PARTNER, body, DATASET, "k")), 401, "key-too-weak", "has an RSA key of 1024 bits; at least 2048 are required");
    }

    @Test
    void sha1SignedClientCertificate() throws Exception {
        KeyPair keys = CertificateAuthority.rsaKeys(2048);
        X509Certificate certificate = TestPartners.issue("CN=sha1-partner", keys.getPublic(), "SHA1withRSA");
        assertRefused(() -> send(TestPartners.client(keys.getPrivate(), List.of(certificate)),
                signedRequest(PARTNER, body, DATASET, "k")), 401, "algorithm-not-allowed", "is signed with SHA1withRSA");
    }

    @Test
    void validCertificateOfNoRegisteredPartner() throws Exception {
        KeyPair keys = CertificateAuthority.ecKeys("secp256r1");
        X509Certificate certificate = TestPartners.issue("CN=stranger", keys.getPublic(), "SHA256withRSA");
        assertRefused(() -> send(TestPartners.client(keys.getPrivate(), List.of(certificate)),
                signedRequest(PARTNER, body, DATASET, "k")), 401, "unknown-partner", "registered for no partner or operator");
    }

    @Test
    void unsignedBody() throws Exception {
        assertRefused(() -> send(PARTNER, request(body, DATASET, "k-unsigned", null)), 401, "signature-required",
                "send the body's detached JWS");
    }

    @Test
    void bodyAlteredAfterSigning() throws Exception {
        String signature = TestPartners.sign(PARTNER, body.getBytes(StandardCharsets.UTF_8), DATASET, "k-altered");
        String altered = body.replaceFirst("\"sex\"\\s*:\\s*\"(\\w+)\"", "\"sex\": \"$1 \"");
        assertThat(altered).isNotEqualTo(body);
        assertRefused(() -> send(PARTNER, request(altered, DATASET, "k-altered", signature)), 401, "signature-invalid",
                "the signature does not match the body");
    }

    @Test
    void algNone() throws Exception {
        String header = encodedHeader(Map.of("alg", "none", "x5c", x5c(PARTNER),
                SubmissionSignatures.BOUND_DATASET, DATASET, SubmissionSignatures.BOUND_IDEMPOTENCY_KEY, "k-none"));
        assertRefused(() -> send(PARTNER, request(body, DATASET, "k-none", header + "..")), 401, "algorithm-not-allowed",
                "alg 'none' is refused: unsigned JWS are not accepted");
    }

    @Test
    void hs256WithThePartnersPublicKeyAsSecret() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                .x509CertChain(x5c(PARTNER).stream().map(com.nimbusds.jose.util.Base64::new).toList())
                .customParam(SubmissionSignatures.BOUND_DATASET, DATASET).customParam(SubmissionSignatures.BOUND_IDEMPOTENCY_KEY, "k-hmac").build();
        JWSObject jws = new JWSObject(header, new Payload(body.getBytes(StandardCharsets.UTF_8)));
        jws.sign(new MACSigner(partnerCertificate(PARTNER).getPublicKey().getEncoded()));
        assertRefused(() -> send(PARTNER, request(body, DATASET, "k-hmac", jws.serialize(true))), 401,
                "algorithm-not-allowed", "alg 'HS256' is refused: HMAC is a shared-secret algorithm");
    }

    @Test
    void jwsCertificateWithRsa1024() throws Exception {
        KeyPair weak = CertificateAuthority.rsaKeys(1024);
        X509Certificate certificate = TestPartners.issue("CN=weak-signer", weak.getPublic(), "SHA256withRSA");
        // made with plain JCA: the JOSE library itself refuses to sign with RSA below 2048 bits
        String header = encodedHeader(Map.of("alg", "RS256", "x5c", List.of(Base64.getEncoder().encodeToString(certificate.getEncoded())),
                SubmissionSignatures.BOUND_DATASET, DATASET, SubmissionSignatures.BOUND_IDEMPOTENCY_KEY, "k-weak-jws"));
        java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
        rsa.initSign(weak.getPrivate());
        rsa.update((header + "." + Base64URL.encode(body.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII));
        String signature = header + ".." + Base64URL.encode(rsa.sign());
        assertRefused(() -> send(PARTNER, request(body, DATASET, "k-weak-jws", signature)), 401, "key-too-weak",
                "CN=weak-signer");
    }

    @Test
    void jwsCertificateSignedWithSha1() throws Exception {
        KeyPair keys = CertificateAuthority.rsaKeys(2048);
        X509Certificate certificate = TestPartners.issue("CN=sha1-signer", keys.getPublic(), "SHA1withRSA");
        String signature = sign(keys.getPrivate(), List.of(certificate), body, DATASET, "k-sha1-jws");
        assertRefused(() -> send(PARTNER, request(body, DATASET, "k-sha1-jws", signature)), 401, "algorithm-not-allowed",
                "(SHA-1 is not allowed)");
    }

    @Test
    void tlsCertificateOfAnotherPartnerThanTheSigner() throws Exception {
        // npsp may submit this dataset, but the body is signed by dolisa-hanoi
        assertRefused(() -> send("npsp", signedRequest(PARTNER, body, DATASET, "k-other")), 403, "signer-not-client",
                "registered to 'dolisa-hanoi', but the sender is 'npsp'");
    }

    @Test
    void jwsMadeForAnotherDataset() throws Exception {
        String signature = TestPartners.sign(PARTNER, body.getBytes(StandardCharsets.UTF_8), "job-vacancy", "k-ds");
        assertRefused(() -> send(PARTNER, request(body, DATASET, "k-ds", signature)), 401, "signature-binding-mismatch",
                "lmi-dataset is 'job-vacancy' but this request's is 'labor-supply-person'");
    }

    @Test
    void jwsMadeForAnotherIdempotencyKey() throws Exception {
        String signature = TestPartners.sign(PARTNER, body.getBytes(StandardCharsets.UTF_8), DATASET, "k-first");
        assertRefused(() -> send(PARTNER, request(body, DATASET, "k-second", signature)), 401, "signature-binding-mismatch",
                "lmi-idempotency-key is 'k-first' but this request's is 'k-second'");
    }

    @Test
    void aProperlySignedSubmissionIsAcceptedAndLogged() throws Exception {
        long before = storedVersions();
        String key = UUID.randomUUID().toString();
        String newVersion = body.replace("\"0243833456\"", "\"0243" + (100000 + new java.util.Random().nextInt(900000)) + "\"");
        assertThat(newVersion).isNotEqualTo(body);
        HttpResponse<String> response = send(PARTNER, signedRequest(PARTNER, newVersion, DATASET, key));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(storedVersions()).isEqualTo(before + 1);
        Map<String, Object> entry = lastLogEntry();
        assertThat(entry).containsEntry("outcome", "accepted").containsEntry("partner", PARTNER)
                .containsEntry("dataset", DATASET).containsEntry("operation", "submit").containsEntry("direction", "IN")
                .containsEntry("message_id", JSON.readTree(response.body()).path("messageId").asText())
                .containsEntry("payload_sha256", Digests.sha256Hex(newVersion));
        assertThat((String) entry.get("signature")).isEqualTo(response.request().headers().firstValue(HubSigner.SIGNATURE_HEADER).orElseThrow());
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    /** Status, problem type and detail as expected; nothing stored; the refusal is the message log's last entry. */
    private void assertRefused(Call call, int status, String slug, String detailPart) throws Exception {
        long before = storedVersions();
        long entriesBefore = logEntries();
        HttpResponse<String> response = call.send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://lmi.molisa.gov.vn/problems/" + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).contains(detailPart);
        assertThat(storedVersions()).as("nothing stored").isEqualTo(before);
        assertThat(logEntries()).as("one message log entry").isEqualTo(entriesBefore + 1);
        assertThat(lastLogEntry()).containsEntry("outcome", slug).containsEntry("direction", "IN");
    }

    private HttpRequest signedRequest(String signer, String json, String dataset, String idempotencyKey) {
        return request(json, dataset, idempotencyKey,
                TestPartners.sign(signer, json.getBytes(StandardCharsets.UTF_8), dataset, idempotencyKey));
    }

    private HttpRequest request(String json, String dataset, String idempotencyKey, String signature) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(api("/datasets/" + dataset + "/records"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (signature != null) {
            builder.header(HubSigner.SIGNATURE_HEADER, signature);
        }
        return builder.build();
    }

    private static String sign(PrivateKey key, List<X509Certificate> chain, String json, String dataset, String idempotencyKey) {
        return new HubSigner(key, chain).signDetached(json.getBytes(StandardCharsets.UTF_8), Map.of(
                SubmissionSignatures.BOUND_DATASET, dataset, SubmissionSignatures.BOUND_IDEMPOTENCY_KEY, idempotencyKey));
    }

    private static X509Certificate partnerCertificate(String id) {
        return PemFiles.readCertificate(Path.of(TestPartners.identity(id) + ".crt.pem"));
    }

    private static List<String> x5c(String id) throws Exception {
        return List.of(Base64.getEncoder().encodeToString(partnerCertificate(id).getEncoded()));
    }

    private static String encodedHeader(Map<String, Object> header) throws Exception {
        return Base64URL.encode(JSON.writeValueAsBytes(header)).toString();
    }

    private long storedVersions() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM record_version", Long.class);
    }

    private long logEntries() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM message_log", Long.class);
    }

    private Map<String, Object> lastLogEntry() {
        return jdbc.queryForMap("SELECT * FROM message_log ORDER BY seq DESC LIMIT 1");
    }
}
