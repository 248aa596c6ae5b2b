package vn.gov.lmi.hub.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import vn.gov.lmi.hub.support.Examples;
import vn.gov.lmi.hub.support.HubIntegrationTest;
import vn.gov.lmi.hub.support.TestPartners;

/**
 * The hub signs what it says: receipts, pages and problems carry a detached JWS by the hub's signing certificate,
 * and exports come with a CMS signature that {@code openssl cms -verify} accepts (and refuses once the file changes).
 */
class SignedAnswersIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CertificateValidator demoTrust = TestPartners.demoTrust();

    @Test
    void receiptsPagesAndProblemsAreSignedByTheHub() {
        HttpResponse<String> receipt = post("/datasets/job-vacancy/records", Examples.firstValid("job-vacancy"));
        assertThat(receipt.statusCode()).isEqualTo(202);
        assertSignedByTheHub(receipt, 202);
        HttpResponse<String> page = get("/datasets/job-vacancy/records?limit=2");
        assertSignedByTheHub(page, 200);
        HttpResponse<String> problem = get("/datasets/no-such-dataset/records");
        assertSignedByTheHub(problem, 404);
    }

    @Test
    void aSignatureOverOneAnswerDoesNotFitAnother() {
        HttpResponse<String> page = get("/datasets/job-vacancy/records?limit=1");
        String signature = page.headers().firstValue(HubSigner.SIGNATURE_HEADER).orElseThrow();
        byte[] otherBody = (page.body() + " ").getBytes(StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JwsPolicy.verify(signature, otherBody, demoTrust))
                .hasMessageContaining("the signature does not match the body");
    }

    @Test
    void exportsVerifyWithOpensslCmsAndFailOnceChanged() throws Exception {
        assertThat(post("/datasets/job-vacancy/records", Examples.firstValid("job-vacancy")).statusCode()).isEqualTo(202);
        HttpResponse<String> response = send("ops-admin", HttpRequest.newBuilder(ops("/exports/job-vacancy"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode export = JSON.readTree(response.body());
        Path file = Path.of(export.path("file").asText());
        Path signature = Path.of(export.path("signature").asText());
        assertThat(signature.getFileName().toString()).isEqualTo(file.getFileName() + ".p7s");
        assertThat(Files.readAllLines(file)).hasSize(export.path("records").asInt()).isNotEmpty();
        assertThat(Digests.sha256Hex(Files.readAllBytes(file))).isEqualTo(export.path("sha256").asText());

        Result verified = opensslCmsVerify(file, signature);
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("CMS Verification successful");

        Path changed = file.resolveSibling("changed-" + UUID.randomUUID() + ".ndjson");
        Files.writeString(changed, Files.readString(file).replaceFirst("\"version\":1", "\"version\":2"));
        Result refused = opensslCmsVerify(changed, signature);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("Verification failure");
    }

    private void assertSignedByTheHub(HttpResponse<String> response, int status) {
        String signature = response.headers().firstValue(HubSigner.SIGNATURE_HEADER).orElseThrow();
        JwsPolicy.VerifiedJws verified = JwsPolicy.verify(signature, response.body().getBytes(StandardCharsets.UTF_8), demoTrust);
        assertThat(verified.signer().getSubjectX500Principal().getName()).startsWith("CN=LMI Exchange Hub signing");
        assertThat(verified.headerParameter("lmi-status")).isEqualTo((long) status);
        assertThat(verified.jws().getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    }

    private record Result(int exitCode, String output) {
    }

    /** The very command certs-example/README.md gives operators. */
    private static Result opensslCmsVerify(Path file, Path signature) throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder("openssl", "cms", "-verify", "-binary", "-inform", "DER",
                "-in", signature.toString(), "-content", file.toString(),
                "-CAfile", TestPartners.CERTS.resolve("ca/root-ca.crt.pem").toString(), "-purpose", "any", "-out", "/dev/null")
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(openssl.exitValue(), output);
    }
}
