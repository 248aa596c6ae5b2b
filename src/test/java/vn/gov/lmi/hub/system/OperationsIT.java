package vn.gov.lmi.hub.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import vn.gov.lmi.hub.support.Examples;
import vn.gov.lmi.hub.support.HubIntegrationTest;

/** What operators rely on: readiness, per-dataset metrics, the OpenAPI document, the hub home, clean logs. */
@ExtendWith(OutputCaptureExtension.class)
class OperationsIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String management(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET().build()).body();
    }

    private static double sample(String prometheus, String series) {
        return prometheus.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void readinessCoversDatabaseAndBroker() throws Exception {
        JsonNode readiness = JSON.readTree(management("/actuator/health/readiness"));
        assertThat(readiness.path("status").asText()).isEqualTo("UP");
        assertThat(readiness.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(readiness.path("components").path("jms").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void acceptedAndRejectedRecordsAreCountedPerDataset() throws Exception {
        String accepted = "lmi_records_accepted_total{dataset=\"foreign-worker\"}";
        String rejected = "lmi_records_rejected_total{dataset=\"foreign-worker\",reason=\"validation-failed\"}";
        String before = management("/actuator/prometheus");

        assertThat(post("/datasets/foreign-worker/records", Examples.read(Examples.files("foreign-worker", "valid-").get(0))).statusCode()).isEqualTo(202);
        assertThat(post("/datasets/foreign-worker/records", Examples.read(Examples.files("foreign-worker", "invalid-").get(0))).statusCode()).isEqualTo(400);

        String after = management("/actuator/prometheus");
        assertThat(sample(after, accepted) - sample(before, accepted)).isEqualTo(1.0);
        assertThat(sample(after, rejected) - sample(before, rejected)).isEqualTo(1.0);
        assertThat(after).contains("lmi_ingest_latency_seconds_count{dataset=\"foreign-worker\",outcome=\"accepted\"}");
    }

    @Test
    void logsCarryTheMessageIdAndNoPersonalIdentifier(CapturedOutput output) throws Exception {
        ObjectNode person = (ObjectNode) JSON.readTree(Examples.read(Examples.files("labor-supply-person", "valid-").get(0)));
        person.put("collectionDate", "2026-0" + (1 + (int) (Math.random() * 9)) + "-1" + (int) (Math.random() * 9));
        var response = post("/datasets/labor-supply-person/records", person.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String messageId = JSON.readTree(response.body()).path("messageId").asText();
        ObjectNode refused = person.deepCopy();
        refused.put("sex", "female".equals(person.path("sex").asText()) ? "male" : "female");
        assertThat(post("/datasets/labor-supply-person/records", refused.toString()).statusCode()).isEqualTo(400);

        String logs = output.getAll() + Files.readString(hubHome().resolve("logs/lmi-hub.log"));
        assertThat(logs).contains("\"messageId\":\"" + messageId + "\"");
        assertThat(logs).doesNotContain(person.path("citizenId").asText())
                .doesNotContain(person.path("fullName").asText())
                .doesNotContain(person.path("birthDate").asText());
    }

    @Test
    void everythingTheHubWritesIsUnderItsHome() {
        assertThat(hubHome().resolve("db/lmi-hub.mv.db")).exists();
        assertThat(hubHome().resolve("artemis/journal")).isDirectory();
        assertThat(hubHome().resolve("logs/lmi-hub.log")).exists();
    }

    @Test
    void catalogListsLegalBasisAndServesEachSchema() throws Exception {
        JsonNode datasets = JSON.readTree(get("/datasets").body()).path("datasets");
        assertThat(datasets.size()).isEqualTo(7);
        for (JsonNode dataset : datasets) {
            assertThat(dataset.path("legalBasis").asText()).isNotBlank();
            var schema = get("/datasets/" + dataset.path("id").asText() + "/schema");
            assertThat(schema.statusCode()).isEqualTo(200);
            assertThat(schema.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/schema+json"));
            assertThat(JSON.readTree(schema.body())).isEqualTo(JSON.readTree(Files.readString(Examples.SCHEMAS
                    .resolve(dataset.path("id").asText()).resolve(dataset.path("version").asText() + ".schema.json"))));
        }
    }

    @Test
    void openApiDocumentListsEveryOperation() throws Exception {
        JsonNode openapi = JSON.readTree(get("/openapi.json").body());
        assertThat(openapi.path("openapi").asText()).startsWith("3.");
        assertThat(openapi.path("paths").has("/datasets/{id}/records")).isTrue();
        assertThat(openapi.path("paths").path("/datasets/{id}/records").has("post")).isTrue();
        assertThat(openapi.path("paths").path("/datasets/{id}/records").has("get")).isTrue();
        assertThat(openapi.path("paths").has("/datasets/{id}/records/{key}/versions")).isTrue();
        assertThat(openapi.path("paths").has("/datasets/{id}/schema")).isTrue();
    }
}
