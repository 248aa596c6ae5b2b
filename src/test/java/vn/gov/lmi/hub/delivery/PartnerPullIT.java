package vn.gov.lmi.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.gov.lmi.hub.support.Examples;
import vn.gov.lmi.hub.support.HubIntegrationTest;

/**
 * A scheduled pull ({@code rest-pull}) from a partner's HTTP endpoint: the partner's records are mapped with the
 * route's JSLT file, validated and stored as the partner's submission, once however often the same page is
 * pulled; later pulls carry the time of the last good one; a page that breaks the dataset's rules stores nothing.
 */
class PartnerPullIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static volatile String page = "{\"data\": []}";
    private static final HttpServer PARTNER = partner();
    private static final Path OWN_HOME = ownHome();

    @DynamicPropertySource
    static void ownHub(DynamicPropertyRegistry registry) {
        registry.add("hub.home", OWN_HOME::toString);
        registry.add("hub.routes-dir", () -> OWN_HOME.resolve("routes").toString());
        registry.add("hub.events.allow-plain-http-delivery", () -> "true");
    }

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void stopPartner() {
        PARTNER.stop(0);
    }

    @Test
    void thePartnersRecordsAreMappedStoredOnceAndLaterPullsAskOnlyForWhatIsNew() throws Exception {
        ObjectNode vacancy = (ObjectNode) JSON.readTree(Examples.firstValid("job-vacancy"));
        vacancy.put("vacancyId", "PULL-OK-1");
        page = "{\"data\": [{\"viecLam\": " + vacancy + "}]}";
        int before = REQUESTS.size();

        await().atMost(Duration.ofSeconds(10)).until(() -> versions("PULL-OK-1") == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> REQUESTS.size() >= before + 4);
        assertThat(versions("PULL-OK-1")).as("the same page pulled again adds no version").isEqualTo(1);
        assertThat(REQUESTS.get(REQUESTS.size() - 1)).matches("/partner/vacancies\\?since=\\d{4}-\\d\\d-\\d\\dT.*");
        assertThat(jdbc.queryForObject("SELECT submitter FROM record_version WHERE dataset_id = 'job-vacancy' "
                + "AND record_key LIKE '%PULL-OK-1'", String.class)).isEqualTo("dolisa-hanoi");
    }

    @Test
    void aPageThatBreaksTheDatasetsRulesStoresNothing() throws Exception {
        ObjectNode good = (ObjectNode) JSON.readTree(Examples.firstValid("job-vacancy"));
        good.put("vacancyId", "PULL-MIXED-GOOD");
        ObjectNode bad = good.deepCopy();
        bad.put("vacancyId", "PULL-MIXED-BAD");
        bad.put("quantity", "three");
        page = "{\"data\": [{\"viecLam\": " + good + "}, {\"viecLam\": " + bad + "}]}";
        int before = REQUESTS.size();

        await().atMost(Duration.ofSeconds(10)).until(() -> REQUESTS.size() >= before + 3);
        assertThat(versions("PULL-MIXED-GOOD")).as("a refused page is refused whole").isZero();
        assertThat(versions("PULL-MIXED-BAD")).isZero();
    }

    private int versions(String vacancyId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM record_version WHERE dataset_id = 'job-vacancy' AND record_key LIKE ?",
                Integer.class, "%" + vacancyId);
    }

    private static HttpServer partner() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (InputStream ignored = exchange.getRequestBody()) {
                    REQUESTS.add(exchange.getRequestURI().toString());
                }
                byte[] body = page.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path ownHome() {
        try {
            Path home = Files.createTempDirectory("lmi-hub-pull-it-");
            try (InputStream registry = PartnerPullIT.class.getResourceAsStream("/partners-test.yaml")) {
                Files.copy(registry, home.resolve("partners.yaml"));
            }
            Path folder = Files.createDirectories(home.resolve("routes/dolisa-hanoi"));
            Files.writeString(folder.resolve("vacancy.jslt"), ".viecLam\n");
            Files.writeString(folder.resolve("vacancies.yaml"), """
                    - templatedRoute:
                        routeTemplateRef: rest-pull
                        routeId: dolisa-hanoi.pull-job-vacancy
                        parameters:
                          - name: partner
                            value: dolisa-hanoi
                          - name: dataset
                            value: job-vacancy
                          - name: url
                            value: http://127.0.0.1:%d/partner/vacancies
                          - name: interval
                            value: 300ms
                          - name: recordsPointer
                            value: /data
                          - name: mapping
                            value: dolisa-hanoi/vacancy.jslt
                          - name: sinceParameter
                            value: since
                    """.formatted(PARTNER.getAddress().getPort()));
            return home;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
