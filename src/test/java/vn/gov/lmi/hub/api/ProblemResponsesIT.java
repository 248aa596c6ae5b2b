package vn.gov.lmi.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.gov.lmi.hub.support.Examples;
import vn.gov.lmi.hub.support.HubIntegrationTest;

/** Each refusal status of the REST API, with its exact problem document (RFC 9457). */
class ProblemResponsesIT extends HubIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATASET = "/datasets/labor-market-statistics/records";

    private static JsonNode problem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return JSON.readTree(response.body());
    }

    private static String expected(String slug, String title, int status, String detail) {
        return JSON.createObjectNode().put("type", "https://lmi.molisa.gov.vn/problems/" + slug)
                .put("title", title).put("status", status).put("detail", detail).toString();
    }

    @Test
    void malformedJsonIs400NamingLineAndColumn() throws Exception {
        JsonNode body = problem(post(DATASET, "{\"provinceCode\": \"01\",\n  \"period\": }"), 400);
        assertThat(body.path("type").asText()).isEqualTo("https://lmi.molisa.gov.vn/problems/malformed-json");
        assertThat(body.path("title").asText()).isEqualTo("Request body is not valid JSON");
        assertThat(body.path("status").asInt()).isEqualTo(400);
        assertThat(body.path("detail").asText()).startsWith("not valid JSON at line 2, column 13: Unexpected character ('}'");
        // the parser's message quotes the input; the permanent message log keeps only the position
        assertThat(jdbc.queryForObject("SELECT detail FROM message_log ORDER BY seq DESC LIMIT 1", String.class))
                .isEqualTo("not valid JSON at line 2, column 13");
    }

    @Test
    void missingIdempotencyKeyIs400() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api(DATASET))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(problem(response, 400).toString()).isEqualTo(expected("missing-idempotency-key",
                "Idempotency-Key header is required",
                400, "send an Idempotency-Key header (e.g. a UUID) so that a retried request is never stored twice"));
    }

    @Test
    void badCursorIs400NamingTheExpectedForm() throws Exception {
        assertThat(problem(get(DATASET + "?after=-3"), 400).toString()).isEqualTo(expected("invalid-parameter",
                "A query or path parameter is not valid", 400,
                "after must be a whole number from 0 to 9223372036854775807 (the nextCursor of the previous page)"));
        assertThat(problem(get(DATASET + "?limit=5000"), 400).path("detail").asText())
                .isEqualTo("limit must be a whole number from 1 to 1000");
        assertThat(problem(get(DATASET + "?updated-since=yesterday"), 400).path("detail").asText())
                .isEqualTo("updated-since must be an RFC 3339 date-time with offset, e.g. 2026-01-31T00:00:00Z");
    }

    @Test
    void bodyThatIsNeitherObjectNorArrayIs400() throws Exception {
        JsonNode body = problem(post(DATASET, "\"just a string\""), 400);
        assertThat(body.path("type").asText()).endsWith("/validation-failed");
        assertThat(body.path("errors").toString())
                .isEqualTo("[{\"index\":0,\"pointer\":\"\",\"rule\":\"type\",\"message\":\"expected an object or an array, found string\"}]");
    }

    @Test
    void emptyBodyIs400() throws Exception {
        assertThat(problem(post(DATASET, ""), 400).toString()).isEqualTo(expected("malformed-json",
                "Request body is not valid JSON", 400, "request body is empty; send a record object or an array of records"));
    }

    @Test
    void idempotencyKeyWithSpacesIs400() throws Exception {
        assertThat(problem(post(DATASET, "{}", "two words"), 400).toString()).isEqualTo(expected("invalid-parameter",
                "A query or path parameter is not valid", 400,
                "Idempotency-Key must be 1 to 255 visible ASCII characters without spaces"));
    }

    @Test
    void badProvinceFilterIs400() throws Exception {
        assertThat(problem(get(DATASET + "?province=1"), 400).path("detail").asText())
                .isEqualTo("province must be a 2-digit province code, e.g. 01");
    }

    @Test
    void textNotInUnicodeNfcIs400AtItsField() throws Exception {
        var record = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                Examples.read(Examples.files("labor-market-statistics", "valid-").get(0)));
        String decomposed = java.text.Normalizer.normalize("Sở Lao động - Thương binh và Xã hội", java.text.Normalizer.Form.NFD);
        ((com.fasterxml.jackson.databind.node.ObjectNode) record.path("reportingAgency")).put("name", decomposed);
        JsonNode problem = problem(post(DATASET, record.toString()), 400);
        assertThat(problem.path("errors").toString()).isEqualTo("[{\"index\":0,\"pointer\":\"/reportingAgency/name\","
                + "\"rule\":\"unicode-nfc\",\"message\":\"text must be Unicode NFC (precomposed Vietnamese letters, TCVN 6909)\"}]");
    }

    @Test
    void twoRecordsWithOneKeyInABatchAre400() throws Exception {
        String record = Examples.read(Examples.files("labor-market-statistics", "valid-").get(0));
        JsonNode problem = problem(post(DATASET, "[" + record + "," + record + "]"), 400);
        assertThat(problem.path("errors").toString()).isEqualTo("[{\"index\":1,\"pointer\":\"/provinceCode\","
                + "\"rule\":\"duplicate-key-in-batch\",\"message\":\"record key repeats the key of record 0 in this batch; "
                + "send one version per key\"}]");
    }

    @Test
    void unknownDatasetIs404() throws Exception {
        String detail = "dataset 'no-such-dataset' is not in the catalog; GET /api/v1/datasets lists the datasets";
        String expected = expected("dataset-not-found", "No such dataset", 404, detail);
        assertThat(problem(get("/datasets/no-such-dataset/schema"), 404).toString()).isEqualTo(expected);
        assertThat(problem(post("/datasets/no-such-dataset/records", "{}"), 404).toString()).isEqualTo(expected);
    }

    @Test
    void unknownRecordIs404() throws Exception {
        String expected = expected("record-not-found", "No such record", 404,
                "dataset 'labor-market-statistics' has no record with this key");
        assertThat(problem(get(DATASET + "/99:1900"), 404).toString()).isEqualTo(expected);
        assertThat(problem(get(DATASET + "/99:1900/versions"), 404).toString()).isEqualTo(expected);
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertThat(problem(get("/no/such/path"), 404).toString()).isEqualTo(expected("resource-not-found",
                "No such resource", 404, "no resource at this path; /api/v1/openapi.json lists the API"));
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/datasets")).DELETE().build());
        assertThat(problem(response, 405).toString()).isEqualTo(expected("method-not-allowed",
                "Method not allowed on this resource", 405, "this resource allows GET"));
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void unacceptableAcceptIs406() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("/datasets")).header("Accept", "text/html").GET().build());
        assertThat(problem(response, 406).toString()).isEqualTo(expected("not-acceptable",
                "Cannot answer in an acceptable media type", 406,
                "this resource is served as application/json; the Accept header allows none of them"));
    }

    @Test
    void reusedIdempotencyKeyWithAnotherBodyIs409AndStoresNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        String valid = Examples.read(Examples.files("labor-market-statistics", "valid-").get(0));
        assertThat(post(DATASET, valid, key).statusCode()).isEqualTo(202);
        String other = Examples.read(Examples.files("labor-market-statistics", "valid-").get(1));
        JsonNode otherRecord = JSON.readTree(other);
        String otherKey = otherRecord.path("provinceCode").asText() + ":" + otherRecord.path("period").asText();
        String versionsBefore = get(DATASET + "/" + otherKey + "/versions").body();

        assertThat(problem(post(DATASET, other, key), 409).toString()).isEqualTo(expected("idempotency-key-reused",
                "Idempotency-Key was already used for a different request", 409,
                "this Idempotency-Key was first used for a different request; use a new key for a new request"));
        assertThat(get(DATASET + "/" + otherKey + "/versions").body()).isEqualTo(versionsBefore);
    }

    @Test
    void oversizedBatchIs413() throws Exception {
        String batch = "[" + "{},".repeat(1000) + "{}]";
        assertThat(problem(post(DATASET, batch), 413).toString()).isEqualTo(expected("payload-too-large",
                "Request is larger than allowed", 413,
                "batch holds 1001 records; at most 1000 are accepted per request"));
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String body = "{\"padding\": \"" + "x".repeat(1_100_000) + "\"}";
        JsonNode problem = problem(post(DATASET, body), 413);
        assertThat(problem.toString()).isEqualTo(expected("payload-too-large", "Request is larger than allowed", 413,
                "request body of 1100015 bytes exceeds the limit of 1048576 bytes; split it into smaller batches"));
    }

    @Test
    void nonJsonContentTypeIs415() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api(DATASET))
                .header("Content-Type", "text/csv").header("Idempotency-Key", "k-415")
                .POST(HttpRequest.BodyPublishers.ofString("a,b")).build());
        assertThat(problem(response, 415).toString()).isEqualTo(expected("unsupported-media-type",
                "Request body must be application/json", 415, "Content-Type is 'text/csv'; send application/json"));
    }

    @Test
    void requestHeadersAreNeverEchoed() {
        for (HttpRequest request : new HttpRequest[] {
                HttpRequest.newBuilder(api("/datasets")).header("X-Probe", "secret-value").GET().build(),
                HttpRequest.newBuilder(api(DATASET)).header("X-Probe", "secret-value")
                        .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString("{")).build()}) {
            HttpResponse<String> response = send(request);
            assertThat(response.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("X-Probe")
                    || h.equalsIgnoreCase("Idempotency-Key") || h.equalsIgnoreCase("User-Agent"));
            assertThat(response.body()).doesNotContain("secret-value");
        }
    }
}
