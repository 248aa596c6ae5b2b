package vn.gov.lmi.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.gov.lmi.hub.support.Examples;
import vn.gov.lmi.hub.support.FakePartner;
import vn.gov.lmi.hub.support.HubIntegrationTest;
import vn.gov.lmi.hub.support.TestPartners;
import vn.gov.lmi.hub.trust.HubSigner;
import vn.gov.lmi.hub.trust.JwsPolicy;

/**
 * The ready adapters as shipped in {@code routes/} (registry, route files, mappings), on a running hub whose
 * partner URLs point at local stand-ins: the Hanoi labor department submits over JMS and receives statistics on
 * its queue; the MOLISA portal receives vacancies in its own format and pulls its three datasets, signed and
 * page by page. (The NPSP and NGSP adapters' session and token behaviour is covered by their route tests.)
 */
class ReadyAdaptersIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakePartner PORTAL = FakePartner.listening();
    private static final FakePartner ELSEWHERE = FakePartner.listening();
    private static final Path OWN_HOME = ownHome();

    @DynamicPropertySource
    static void shippedRoutes(DynamicPropertyRegistry registry) {
        registry.add("hub.home", OWN_HOME::toString);
        registry.add("hub.routes-dir", () -> OWN_HOME.resolve("routes").toString());
        registry.add("hub.events.allow-plain-http-delivery", () -> "true");
    }

    @Autowired
    ConnectionFactory connectionFactory;

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void stopPartners() {
        PORTAL.close();
        ELSEWHERE.close();
    }

    @Test
    void dolisaHanoiSubmitsOverJmsAndReceivesStatisticsOnItsQueue() throws Exception {
        ObjectNode person = (ObjectNode) JSON.readTree(Examples.firstValid("labor-supply-person"));
        byte[] body = JSON.writeValueAsBytes(person);
        String key = "jms-" + UUID.randomUUID();
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            var replies = context.createTemporaryQueue();
            TextMessage message = context.createTextMessage(new String(body, StandardCharsets.UTF_8));
            message.setStringProperty("dataset", "labor-supply-person");
            message.setStringProperty("idempotencyKey", key);
            message.setStringProperty(HubSigner.SIGNATURE_PROPERTY, TestPartners.sign("dolisa-hanoi", body,
                    "labor-supply-person", key));
            message.setJMSReplyTo(replies);
            context.createProducer().send(context.createQueue("lmi.in.dolisa-hanoi"), message);
            Message receipt = context.createConsumer(replies).receive(20_000);
            assertThat(receipt).isNotNull();
            assertThat(receipt.getIntProperty("status")).isEqualTo(202);
        }
        assertThat(jdbc.queryForObject("SELECT submitter FROM record_version WHERE dataset_id = 'labor-supply-person' "
                + "AND payload_sha256 IS NOT NULL ORDER BY seq DESC LIMIT 1", String.class)).isEqualTo("dolisa-hanoi");

        ObjectNode statistics = (ObjectNode) JSON.readTree(Examples.firstValid("labor-market-statistics"));
        statistics.put("period", "2032");
        HttpResponse<String> accepted = postAs("dolisa-hanoi", "/datasets/labor-market-statistics/records",
                statistics.toString(), UUID.randomUUID().toString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Message delivered = context.createConsumer(context.createQueue("dolisa-hanoi.labor-market-statistics")).receive(20_000);
            assertThat(delivered).isNotNull();
            String text = ((TextMessage) delivered).getText();
            assertThat(JSON.readTree(text).path("data").path("period").asText()).isEqualTo("2032");
            assertThat(delivered.getStringProperty("deliveryId")).startsWith("dolisa-hanoi:labor-market-statistics:");
            JwsPolicy.verify(delivered.getStringProperty(HubSigner.SIGNATURE_PROPERTY), text.getBytes(StandardCharsets.UTF_8),
                    TestPartners.demoTrust());
        }
    }

    @Test
    void theMolisaPortalReceivesVacanciesInItsFormatAndPullsItsThreeDatasetsSigned() throws Exception {
        ObjectNode vacancy = (ObjectNode) JSON.readTree(Examples.firstValid("job-vacancy"));
        vacancy.put("vacancyId", "PORTAL-" + UUID.randomUUID().toString().substring(0, 8));
        HttpResponse<String> accepted = postAs("dolisa-hanoi", "/datasets/job-vacancy/records", vacancy.toString(),
                UUID.randomUUID().toString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String expectedId = vacancy.path("serviceCentreCode").asText() + "/" + vacancy.path("vacancyId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> PORTAL.acceptedAll().stream()
                .anyMatch(r -> r.body().contains(expectedId)));
        JsonNode notice = JSON.readTree(PORTAL.acceptedAll().stream().filter(r -> r.body().contains(expectedId))
                .findFirst().orElseThrow().body());
        assertThat(notice.path("maViecLam").asText()).isEqualTo(expectedId);
        assertThat(notice.path("tenCongViec").asText()).isEqualTo(vacancy.path("jobTitle").asText());
        assertThat(notice.path("phienBan").asInt()).isEqualTo(1);

        for (String dataset : List.of("labor-demand-employer", "job-vacancy", "labor-market-statistics")) {
            HttpResponse<String> first = getAs("molisa-portal", "/datasets/" + dataset + "/records?limit=1");
            assertThat(first.statusCode()).as(dataset + ": " + first.body()).isEqualTo(200);
            JwsPolicy.verify(first.headers().firstValue(HubSigner.SIGNATURE_HEADER).orElseThrow(),
                    first.body().getBytes(StandardCharsets.UTF_8), TestPartners.demoTrust());
            String cursor = JSON.readTree(first.body()).path("nextCursor").asText();
            HttpResponse<String> next = getAs("molisa-portal", "/datasets/" + dataset + "/records?after=" + cursor);
            assertThat(next.statusCode()).as(dataset + ": " + next.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(next.body());
            page.path("records").forEach(r -> assertThat(r.path("seq").asLong()).isGreaterThan(Long.parseLong(cursor)));
        }
        HttpResponse<String> notGranted = getAs("molisa-portal", "/datasets/foreign-worker/records");
        assertThat(notGranted.statusCode()).isEqualTo(403);
    }

    /** The shipped workspace, with every partner URL pointed at a local stand-in (the portal's at PORTAL). */
    private static Path ownHome() {
        try {
            Path home = Files.createTempDirectory("lmi-hub-adapters-it-");
            Path source = RouteWorkspace.PROJECT.resolve("routes");
            try (Stream<Path> all = Files.walk(source)) {
                for (Path path : all.toList()) {
                    Path target = home.resolve("routes").resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else if (path.toString().endsWith(".yaml") && !path.getFileName().toString().equals("partners.yaml")) {
                        Files.writeString(target, Files.readString(path)
                                .replace("https://dichvucong.molisa.gov.vn", PORTAL.url("").toString())
                                .replaceAll("https://[a-z.]+\\.gov\\.vn", ELSEWHERE.url("").toString()));
                    } else {
                        Files.copy(path, target);
                    }
                }
            }
            Files.copy(source.resolve("partners.yaml"), home.resolve("partners.yaml"));
            return home;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
