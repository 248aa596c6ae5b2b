package vn.gov.lmi.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import vn.gov.lmi.hub.support.Examples;
import vn.gov.lmi.hub.support.HubIntegrationTest;

/**
 * Every example under {@code schemas/examples/} goes through the HTTP API: each {@code valid-*} is accepted,
 * each {@code invalid-*} is refused with 400, nothing of it stored, and an error at the pointer that
 * {@code expectations.json} names for the rule it breaks.
 */
class DatasetExamplesIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> datasets() throws IOException {
        try (Stream<Path> folders = Files.list(Examples.EXAMPLES)) {
            return folders.filter(Files::isDirectory).map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyCatalogDatasetHasEnoughExamplesAndEveryInvalidOneAnExpectation() throws Exception {
        JsonNode catalog = JSON.readTree(get("/datasets").body()).path("datasets");
        List<String> ids = new ArrayList<>();
        catalog.forEach(d -> ids.add(d.path("id").asText()));
        assertThat(ids).containsAll(List.of("labor-supply-person", "labor-demand-employer", "job-vacancy",
                "employer-labor-change", "labor-market-statistics", "foreign-worker"));
        assertThat(datasets()).containsExactlyInAnyOrderElementsOf(ids);
        for (String dataset : ids) {
            assertThat(Examples.files(dataset, "valid-")).as(dataset + " valid examples").hasSizeGreaterThanOrEqualTo(3);
            List<Path> invalid = Examples.files(dataset, "invalid-");
            assertThat(invalid).as(dataset + " invalid examples").hasSizeGreaterThanOrEqualTo(6);
            JsonNode expectations = JSON.readTree(Examples.read(dataset, "expectations.json"));
            for (Path file : invalid) {
                assertThat(expectations.has(file.getFileName().toString())).as("expectation for " + file).isTrue();
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> validExamplesAreAccepted() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String dataset : datasets()) {
            for (Path file : Examples.files(dataset, "valid-")) {
                tests.add(DynamicTest.dynamicTest(dataset + "/" + file.getFileName(), () -> {
                    HttpResponse<String> response = post("/datasets/" + dataset + "/records", Examples.read(file));
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                    JsonNode receipt = JSON.readTree(response.body());
                    assertThat(receipt.path("accepted").asInt()).isEqualTo(1);
                    String key = receipt.path("records").get(0).path("key").asText();
                    JsonNode stored = JSON.readTree(get("/datasets/" + dataset + "/records/"
                            + java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")).body());
                    assertThat(stored.path("data")).isEqualTo(JSON.readTree(Examples.read(file)));
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> invalidExamplesAreRefusedAtTheExpectedField() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String dataset : datasets()) {
            JsonNode expectations = JSON.readTree(Examples.read(dataset, "expectations.json"));
            for (Path file : Examples.files(dataset, "invalid-")) {
                JsonNode expected = expectations.path(file.getFileName().toString());
                tests.add(DynamicTest.dynamicTest(dataset + "/" + file.getFileName(), () -> {
                    String pageBefore = get("/datasets/" + dataset + "/records?limit=1000").body();
                    HttpResponse<String> response = post("/datasets/" + dataset + "/records", Examples.read(file));
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
                    JsonNode problem = JSON.readTree(response.body());
                    assertThat(problem.path("type").asText()).isEqualTo("https://lmi.molisa.gov.vn/problems/validation-failed");
                    List<String> pointers = new ArrayList<>();
                    problem.path("errors").forEach(e -> pointers.add(e.path("pointer").asText()));
                    assertThat(pointers).as(response.body()).contains(expected.path("pointer").asText());
                    problem.path("errors").forEach(e -> assertThat(e.path("index").asInt()).isZero());
                    assertThat(get("/datasets/" + dataset + "/records?limit=1000").body())
                            .as("nothing stored").isEqualTo(pageBefore);
                }));
            }
        }
        return tests.stream();
    }
}
