package vn.gov.lmi.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

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

/**
 * Route files change under a running hub: an edit made while records flow takes effect within seconds and
 * loses nothing (every accepted record reaches the old or the new endpoint); a broken edit is refused with its
 * problems and the previous version keeps delivering; a removed file stops its route while its queue keeps the
 * records, which flow again once the file is back.
 */
class HotReloadIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakePartner OLD = FakePartner.listening();
    private static final FakePartner NEW = FakePartner.listening();
    private static final Path OWN_HOME = ownHome();
    private static final Path ROUTE = OWN_HOME.resolve("routes/molisa-portal/job-vacancy.yaml");

    @DynamicPropertySource
    static void ownHub(DynamicPropertyRegistry registry) {
        registry.add("hub.home", OWN_HOME::toString);
        registry.add("hub.routes-dir", () -> OWN_HOME.resolve("routes").toString());
        registry.add("hub.routes-reload-interval", () -> "200ms");
        registry.add("hub.events.allow-plain-http-delivery", () -> "true");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RouteFiles routeFiles;

    @AfterAll
    static void stopPartners() {
        OLD.close();
        NEW.close();
    }

    @Test
    void anEditWhileRecordsFlowTakesEffectWithinSecondsAndLosesNothing() throws Exception {
        List<String> accepted = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        // records keep flowing until the new endpoint has taken some: the edit lands in the middle of the stream
        CompletableFuture<Void> flow = CompletableFuture.runAsync(() -> {
            for (int i = 0; !stop.get() && i < 5_000; i++) {
                accepted.add(submit("flow-" + i));
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> OLD.acceptedAll().size() >= 10);

        Files.writeString(ROUTE, route(NEW, ""));
        int atEdit = accepted.size();
        await().atMost(Duration.ofSeconds(5)).until(() -> NEW.acceptedAll().size() >= 10);
        stop.set(true);
        flow.get();
        assertThat(accepted.size()).as("records were submitted after the edit").isGreaterThan(atEdit);

        await().atMost(Duration.ofSeconds(30)).until(() -> delivered().containsAll(accepted));
        assertThat(delivered()).containsAll(accepted);
        assertThat(OLD.acceptedAll()).isNotEmpty();
        assertThat(NEW.acceptedAll()).isNotEmpty();

        // a broken edit: refused with its line, and the version before it keeps delivering to NEW
        Files.writeString(ROUTE, route(NEW, """
                      - name: retries
                        value: "3"
                """));
        await().atMost(Duration.ofSeconds(5)).until(() -> routeFiles.failures().containsKey("molisa-portal/job-vacancy.yaml"));
        assertThat(routeFiles.failures().get("molisa-portal/job-vacancy.yaml"))
                .startsWith("molisa-portal/job-vacancy.yaml:14: unknown parameter 'retries' for template rest-push");
        String afterBrokenEdit = submit("after-broken-edit");
        await().atMost(Duration.ofSeconds(10)).until(() -> NEW.accepted(afterBrokenEdit).size() == 1);
        assertThat(OLD.accepted(afterBrokenEdit)).isEmpty();

        Files.writeString(ROUTE, route(NEW, ""));
        await().atMost(Duration.ofSeconds(5)).until(() -> !routeFiles.failures().containsKey("molisa-portal/job-vacancy.yaml"));
    }

    @Test
    void aRemovedFileStopsItsRouteAndItsQueueKeepsTheRecordsUntilItIsBack() throws Exception {
        Path file = OWN_HOME.resolve("routes/dolisa-hanoi/job-vacancy.yaml");
        FakePartner steady = NEW;
        Files.writeString(file, route(steady, "").replace("molisa-portal", "dolisa-hanoi"));
        // a new subscription receives what is accepted once its route runs
        await().atMost(Duration.ofSeconds(5)).until(() -> routeRunning("dolisa-hanoi.job-vacancy"));
        String first = submit("dolisa-first");
        await().atMost(Duration.ofSeconds(10)).until(() -> steady.accepted(first.replace("molisa-portal", "dolisa-hanoi")).size() == 1);

        Files.delete(file);
        await().atMost(Duration.ofSeconds(5)).until(() -> !routeRunning("dolisa-hanoi.job-vacancy"));
        String whileAway = submit("dolisa-away").replace("molisa-portal", "dolisa-hanoi");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> steady.accepted(whileAway).isEmpty());

        Files.writeString(file, route(steady, "").replace("molisa-portal", "dolisa-hanoi"));
        await().atMost(Duration.ofSeconds(10)).until(() -> steady.accepted(whileAway).size() == 1);
    }

    @Autowired
    org.apache.camel.CamelContext camel;

    private boolean routeRunning(String routeId) {
        return camel.getRoute(routeId) != null;
    }

    /** Submits a vacancy and returns the id of its delivery to molisa-portal. */
    private String submit(String vacancyId) {
        try {
            ObjectNode vacancy = (ObjectNode) JSON.readTree(Examples.firstValid("job-vacancy"));
            vacancy.put("vacancyId", vacancyId);
            HttpResponse<String> receipt = post("/datasets/job-vacancy/records", vacancy.toString());
            assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
            JsonNode record = JSON.readTree(receipt.body()).path("records").get(0);
            long seq = jdbc.queryForObject("SELECT seq FROM record_version WHERE dataset_id = 'job-vacancy' AND record_key = ? "
                    + "AND version = ?", Long.class, record.path("key").asText(), record.path("version").asInt());
            return "molisa-portal:job-vacancy:" + seq;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> delivered() {
        return java.util.stream.Stream.concat(OLD.acceptedAll().stream(), NEW.acceptedAll().stream())
                .map(FakePartner.Received::deliveryId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String route(FakePartner target, String extra) {
        return """
                - templatedRoute:
                    routeTemplateRef: rest-push
                    routeId: molisa-portal.job-vacancy
                    parameters:
                      - name: partner
                        value: molisa-portal
                      - name: dataset
                        value: job-vacancy
                      - name: url
                        value: %s
                      - name: retryInitialDelay
                        value: 50ms
                """.formatted(target.url("/lmi/job-vacancy")) + extra;
    }

    private static Path ownHome() {
        try {
            Path home = Files.createTempDirectory("lmi-hub-reload-it-");
            try (InputStream registry = HotReloadIT.class.getResourceAsStream("/partners-test.yaml")) {
                Files.copy(registry, home.resolve("partners.yaml"));
            }
            Files.createDirectories(home.resolve("routes/molisa-portal"));
            Files.createDirectories(home.resolve("routes/dolisa-hanoi"));
            Files.writeString(home.resolve("routes/molisa-portal/job-vacancy.yaml"), route(OLD, ""));
            return home;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
