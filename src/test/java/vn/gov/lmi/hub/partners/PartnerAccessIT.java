package vn.gov.lmi.hub.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import vn.gov.lmi.hub.support.Examples;
import vn.gov.lmi.hub.support.HubIntegrationTest;

/** Grants, withheld fields, operator-only paths and reloading the registry while the hub runs. */
class PartnerAccessIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERSONS = "/datasets/labor-supply-person/records";

    @Test
    void submittingWithoutTheGrantIs403NamingIt() throws Exception {
        HttpResponse<String> response = postAs("npsp", "/datasets/job-vacancy/records", Examples.firstValid("job-vacancy"),
                UUID.randomUUID().toString());
        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://lmi.molisa.gov.vn/problems/grant-missing");
        assertThat(problem.path("detail").asText()).isEqualTo("partner 'npsp' has no 'submit' grant on dataset 'job-vacancy'");
    }

    @Test
    void pullingWithoutTheGrantIs403NamingIt() throws Exception {
        HttpResponse<String> response = getAs("npsp", "/datasets/labor-market-statistics/records");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("detail").asText())
                .isEqualTo("partner 'npsp' has no 'pull' grant on dataset 'labor-market-statistics'");
    }

    @Test
    void withheldFieldsAreRemovedAndKeysThatHoldThemArePseudonyms() throws Exception {
        String person = Examples.firstValid("labor-supply-person");
        assertThat(post(PERSONS, person).statusCode()).isEqualTo(202);
        JsonNode full = JSON.readTree(get(PERSONS + "?limit=1000").body()).path("records");
        JsonNode restricted = JSON.readTree(getAs("molisa-portal", PERSONS + "?limit=1000").body()).path("records");
        assertThat(restricted.size()).isEqualTo(full.size()).isPositive();
        for (int i = 0; i < full.size(); i++) {
            JsonNode mine = restricted.get(i);
            assertThat(mine.path("data").has("fullName")).isFalse();
            assertThat(mine.path("data").has("citizenId")).isFalse();
            assertThat(mine.path("data").has("birthDate")).isFalse();
            assertThat(mine.has("sha256")).isFalse();
            assertThat(mine.path("key").asText()).startsWith("p~").hasSize(34)
                    .doesNotContain(full.get(i).path("data").path("citizenId").asText());
            assertThat(mine.path("data").path("sex").asText()).isEqualTo(full.get(i).path("data").path("sex").asText());
            assertThat(mine.path("seq").asLong()).isEqualTo(full.get(i).path("seq").asLong());
        }
        assertThat(getAs("molisa-portal", PERSONS + "?limit=1000").body()).doesNotContain("001085012345");
    }

    @Test
    void lookingUpARecordByAWithheldKeyIs403() throws Exception {
        HttpResponse<String> response = getAs("molisa-portal", PERSONS + "/001085012345:2025-09-15");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("type").asText()).endsWith("/field-restricted");
    }

    @Test
    void operatorPathsRefusePartnersAndTheExchangeApiRefusesOperators() throws Exception {
        HttpResponse<String> partnerOnOps = send(PARTNER, HttpRequest.newBuilder(ops("/partners")).GET().build());
        assertThat(partnerOnOps.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(partnerOnOps.body()).path("type").asText()).endsWith("/operator-required");
        HttpResponse<String> operatorOnApi = send("ops-admin", HttpRequest.newBuilder(api("/datasets")).GET().build());
        assertThat(operatorOnApi.statusCode()).isEqualTo(403);
        HttpResponse<String> registry = send("ops-admin", HttpRequest.newBuilder(ops("/partners")).GET().build());
        assertThat(registry.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(registry.body()).path("parties").findValuesAsText("id"))
                .contains("molisa-portal", "npsp", "dolisa-hanoi", "ops-admin");
    }

    @Test
    void encodedAndParameterisedOperatorPathsAreStillOperatorPaths() throws Exception {
        for (String path : new String[] {"/%6Fps/v1/partners", "/ops;x=1/v1/partners", "/%6fps/v1/audit/verify"}) {
            HttpResponse<String> response = send(PARTNER, HttpRequest.newBuilder(
                    java.net.URI.create("https://localhost:" + port + path)).GET().build());
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(JSON.readTree(response.body()).path("type").asText()).as(path).endsWith("/operator-required");
        }
    }

    @Test
    void registryEditsApplyWithoutRestartAndABrokenEditKeepsThePreviousRegistry() throws Exception {
        String original = Files.readString(partnersFile());
        String statistics = "/datasets/labor-market-statistics/records";
        try {
            assertThat(getAs("npsp", statistics).statusCode()).isEqualTo(403);
            String npspLastGrant = "      - dataset: employer-labor-change\n        operations: [submit]\n";
            assertThat(original).contains(npspLastGrant);
            Files.writeString(partnersFile(), original.replace(npspLastGrant, npspLastGrant
                    + "      - dataset: labor-market-statistics\n        operations: [pull]\n"));
            await().atMost(Duration.ofSeconds(10)).until(() -> getAs("npsp", statistics).statusCode() == 200);

            Files.writeString(partnersFile(), original.replace("operations: [submit]", "operations: [submit, delete]"));
            await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(send("ops-admin",
                    HttpRequest.newBuilder(ops("/partners")).GET().build()).body()).has("lastReloadProblem"));
            JsonNode registry = JSON.readTree(send("ops-admin", HttpRequest.newBuilder(ops("/partners")).GET().build()).body());
            assertThat(registry.path("lastReloadProblem").asText())
                    .contains("partners[1].grants[2].operations[1]: 'delete' is not an operation; use submit, pull or subscribe");
            assertThat(getAs("npsp", statistics).statusCode()).as("the previous registry stays in force").isEqualTo(200);
        } finally {
            Files.writeString(partnersFile(), original);
            await().atMost(Duration.ofSeconds(10)).until(() -> getAs("npsp", statistics).statusCode() == 403);
        }
    }
}
