package vn.gov.lmi.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import vn.gov.lmi.hub.support.Examples;
import vn.gov.lmi.hub.support.HubIntegrationTest;

/** Submitting, replaying, versioning and pulling records over HTTP, as a partner would. */
@ExtendWith(OutputCaptureExtension.class)
class RecordExchangeIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each test takes a reporting year of its own (the shipped examples use 2025). */
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_YEAR = new java.util.concurrent.atomic.AtomicInteger(2030);

    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The valid statistics examples, each moved to a period of its own so that the test owns its records. */
    private static List<ObjectNode> freshStatistics() throws Exception {
        List<ObjectNode> records = new ArrayList<>();
        int year = NEXT_YEAR.getAndIncrement();
        for (var file : Examples.files("labor-market-statistics", "valid-")) {
            ObjectNode record = (ObjectNode) JSON.readTree(Examples.read(file));
            record.put("period", String.valueOf(year));
            records.add(record);
        }
        return records;
    }

    @Test
    void aBatchWithOneInvalidRecordIsRefusedWholeAndNamesTheRecord() throws Exception {
        List<ObjectNode> records = freshStatistics();
        ObjectNode broken = records.get(1).deepCopy();
        broken.put("provinceCode", "99");
        ArrayNode batch = JSON.createArrayNode().add(records.get(0)).add(broken);

        HttpResponse<String> response = post("/datasets/labor-market-statistics/records", batch.toString());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("errors")).isNotEmpty();
        problem.path("errors").forEach(e -> assertThat(e.path("index").asInt()).isEqualTo(1));
        assertThat(problem.path("errors").findValuesAsText("pointer")).contains("/provinceCode");
        String firstKey = records.get(0).path("provinceCode").asText() + ":" + records.get(0).path("period").asText();
        assertThat(get("/datasets/labor-market-statistics/records/" + encode(firstKey)).statusCode())
                .as("the valid record of the refused batch is not stored").isEqualTo(404);
    }

    @Test
    void sameKeyReturnsTheFirstReceiptAndChangesBecomeVersions(CapturedOutput output) throws Exception {
        List<ObjectNode> records = freshStatistics();
        ArrayNode batch = JSON.createArrayNode().addAll(records);
        String idempotencyKey = UUID.randomUUID().toString();

        HttpResponse<String> first = post("/datasets/labor-market-statistics/records", batch.toString(), idempotencyKey);
        HttpResponse<String> repeat = post("/datasets/labor-market-statistics/records", batch.toString(), idempotencyKey);

        assertThat(first.statusCode()).isEqualTo(202);
        JsonNode receipt = JSON.readTree(first.body());
        assertThat(receipt.path("accepted").asInt()).isEqualTo(records.size());
        assertThat(receipt.path("records").findValuesAsText("status")).containsOnly("created");
        assertThat(receipt.path("sha256").asText()).isEqualTo(vn.gov.lmi.hub.trust.Digests.sha256Hex(
                batch.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(repeat.statusCode()).isEqualTo(202);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");

        String key = receipt.path("records").get(0).path("key").asText();
        JsonNode latestBefore = JSON.readTree(get("/datasets/labor-market-statistics/records/" + encode(key)).body());
        ObjectNode edited = (ObjectNode) latestBefore.path("data").deepCopy();
        edited.put("reportDate", "2026-01-15");
        HttpResponse<String> update = post("/datasets/labor-market-statistics/records", edited.toString());
        assertThat(update.statusCode()).as(update.body()).isEqualTo(202);
        assertThat(JSON.readTree(update.body()).path("records").get(0).path("version").asInt()).isEqualTo(2);

        JsonNode versions = JSON.readTree(get("/datasets/labor-market-statistics/records/" + encode(key) + "/versions").body());
        assertThat(versions.path("versions").findValuesAsText("version")).containsExactly("1", "2");
        assertThat(versions.path("versions").get(0).path("data")).isEqualTo(records.get(0));

        assertThat(output.getAll()).contains(receipt.path("messageId").asText());
    }

    @Test
    void pagesFollowTheChangeOrderWithoutSkipOrRepeat() throws Exception {
        List<ObjectNode> records = freshStatistics();
        String start = JSON.readTree(get("/datasets/labor-market-statistics/records?limit=1000").body()).path("nextCursor").asText();
        for (ObjectNode record : records) {
            assertThat(post("/datasets/labor-market-statistics/records", record.toString()).statusCode()).isEqualTo(202);
        }
        List<JsonNode> seen = new ArrayList<>();
        String cursor = start;
        boolean more = true;
        while (more) {
            JsonNode page = JSON.readTree(get("/datasets/labor-market-statistics/records?limit=1&after=" + cursor).body());
            page.path("records").forEach(seen::add);
            cursor = page.path("nextCursor").asText();
            more = page.path("hasMore").asBoolean();
        }
        assertThat(seen).extracting(r -> r.path("data")).containsExactlyElementsOf(records);
        assertThat(seen).extracting(r -> r.path("seq").asLong()).isSorted().doesNotHaveDuplicates();
    }
}
