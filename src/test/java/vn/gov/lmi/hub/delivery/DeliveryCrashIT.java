package vn.gov.lmi.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.gov.lmi.hub.support.Examples;
import vn.gov.lmi.hub.support.FakePartner;
import vn.gov.lmi.hub.support.HubProcess;
import vn.gov.lmi.hub.support.TestPartners;
import vn.gov.lmi.hub.trust.HubSigner;

/**
 * The hub as a separate JVM on its persistent H2 database and Artemis journal, killed with {@code kill -9} while
 * partners submit concurrently, then restarted: every acknowledged record is stored exactly once and reaches the
 * subscribing partner; a delivery id the partner sees twice is flagged as a redelivery the second time.
 */
class DeliveryCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SUBMISSIONS = 60;
    private static final int KILL_AFTER_ACKNOWLEDGED = 20;

    @TempDir
    Path work;

    private final FakePartner partner = startPartner();

    @AfterEach
    void stopPartner() {
        partner.close();
    }

    @Test
    void killedMidStreamAcknowledgedRecordsAreStoredOnceAndDelivered() throws Exception {
        Path home = work.resolve("home");
        Path log = Files.createDirectories(Path.of("target/crash-it")).resolve("console-" + System.currentTimeMillis() + ".log");
        String[] options = prepare(home);
        HttpClient client = TestPartners.client("dolisa-hanoi");

        Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
        CountDownLatch enough = new CountDownLatch(KILL_AFTER_ACKNOWLEDGED);
        HubProcess hub = HubProcess.start(work, home, log, options);
        ExecutorService partners = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < SUBMISSIONS; i++) {
                String vacancyId = "CRASH-" + i;
                partners.submit(() -> {
                    try {
                        HttpResponse<String> response = client.send(submission(hub, vacancyId), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 202) {
                            acknowledged.put(vacancyId, true);
                            enough.countDown();
                        }
                    } catch (Exception refusedOrCutOff) {
                        // the hub was killed under this request: not acknowledged, so not promised
                    }
                });
            }
            assertThat(enough.await(60, TimeUnit.SECONDS)).isTrue();
            hub.kill();
        } finally {
            partners.shutdown();
            assertThat(partners.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        Set<String> promised = Set.copyOf(acknowledged.keySet());
        assertThat(promised).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKNOWLEDGED);

        try (HubProcess restarted = HubProcess.start(work, home, log, options)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(deliveredVacancies())
                    .as("delivered after the restart (hub console: %s)", log).containsAll(promised));
            Map<String, Integer> stored = storedVersions(restarted, client);
            for (String vacancyId : promised) {
                assertThat(stored.get(vacancyId)).as("versions stored for " + vacancyId).isEqualTo(1);
            }
        }
        Map<String, List<FakePartner.Received>> byDeliveryId = partner.acceptedAll().stream()
                .collect(Collectors.groupingBy(FakePartner.Received::deliveryId));
        byDeliveryId.forEach((deliveryId, copies) -> {
            for (int i = 1; i < copies.size(); i++) {
                assertThat(copies.get(i).redelivery()).as(deliveryId + " copy " + (i + 1) + " is a recorded redelivery").isTrue();
            }
        });
    }

    private Set<String> deliveredVacancies() {
        return partner.acceptedAll().stream().map(r -> {
            try {
                return JSON.readTree(r.body()).path("data").path("vacancyId").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.toSet());
    }

    /** Versions per vacancy id, read back from the restarted hub's change feed as a partner pulls it. */
    private static Map<String, Integer> storedVersions(HubProcess hub, HttpClient client) throws Exception {
        Map<String, Integer> versions = new HashMap<>();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(hub.api("/datasets/job-vacancy/records?limit=1000")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        for (JsonNode record : JSON.readTree(page.body()).path("records")) {
            versions.merge(record.path("data").path("vacancyId").asText(), 1, Integer::sum);
        }
        return versions;
    }

    private static HttpRequest submission(HubProcess hub, String vacancyId) throws Exception {
        ObjectNode vacancy = (ObjectNode) JSON.readTree(Examples.firstValid("job-vacancy"));
        vacancy.put("vacancyId", vacancyId);
        byte[] body = JSON.writeValueAsBytes(vacancy);
        String key = "crash-" + vacancyId;
        return HttpRequest.newBuilder(hub.api("/datasets/job-vacancy/records"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .header(HubSigner.SIGNATURE_HEADER, TestPartners.sign("dolisa-hanoi", body, "job-vacancy", key))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private String[] prepare(Path home) throws Exception {
        Files.createDirectories(home);
        Path registry = work.resolve("partners.yaml");
        try (InputStream test = DeliveryCrashIT.class.getResourceAsStream("/partners-test.yaml")) {
            Files.copy(test, registry);
        }
        Path routes = work.resolve("routes");
        Files.createDirectories(routes.resolve("dolisa-hanoi"));
        Files.writeString(routes.resolve("dolisa-hanoi/deliveries.yaml"), """
                - templatedRoute:
                    routeTemplateRef: rest-push
                    routeId: dolisa-hanoi.job-vacancy
                    parameters:
                      - name: partner
                        value: dolisa-hanoi
                      - name: dataset
                        value: job-vacancy
                      - name: url
                        value: %s
                      - name: retryInitialDelay
                        value: 100ms
                      - name: concurrency
                        value: "4"
                """.formatted(partner.url("/lmi/job-vacancies")), StandardCharsets.UTF_8);
        List<String> options = new ArrayList<>(List.of("--hub.trust.partners-file=" + registry, "--hub.routes-dir=" + routes,
                "--hub.events.allow-plain-http-delivery=true"));
        return options.toArray(String[]::new);
    }

    private static FakePartner startPartner() {
        try {
            return new FakePartner();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
