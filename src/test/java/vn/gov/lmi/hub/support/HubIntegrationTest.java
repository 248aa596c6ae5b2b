package vn.gov.lmi.hub.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the tests that run the whole hub: real HTTP on a random port, H2 file database and persistent
 * embedded Artemis in a fresh hub home, the project's own {@code schemas/}. One Spring context is shared
 * by every subclass.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "hub.api.max-body-bytes=1048576",
        "hub.api.max-batch-records=1000",
        "hub.events.relay-interval=200ms",
        "hub.trust.partners-file=${hub.home}/partners.yaml",
        "hub.trust.reload-interval=200ms"
})
public abstract class HubIntegrationTest {

    /**
     * Set as a system property, not a dynamic property: logging reads {@code hub.home} before the test
     * context's dynamic properties exist.
     */
    private static final Path HUB_HOME = createHubHome();

    /** The partner that tests act as unless they say otherwise; the test registry grants it everything. */
    protected static final String PARTNER = "dolisa-hanoi";

    static {
        System.setProperty("hub.home", HUB_HOME.toString());
        try (var registry = HubIntegrationTest.class.getResourceAsStream("/partners-test.yaml")) {
            Files.copy(registry, HUB_HOME.resolve("partners.yaml"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot install the test partner registry", e);
        }
    }

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    protected static Path hubHome() {
        return HUB_HOME;
    }

    private static Path createHubHome() {
        try {
            return Files.createTempDirectory("lmi-hub-it-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary hub home", e);
        }
    }

    protected URI api(String path) {
        return URI.create("https://localhost:" + port + "/api/v1" + path);
    }

    protected URI ops(String path) {
        return URI.create("https://localhost:" + port + "/ops/v1" + path);
    }

    /** The registry file the running test hub reads (tests may edit it to test reloading). */
    protected static Path partnersFile() {
        return HUB_HOME.resolve("partners.yaml");
    }

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(api(path)).GET().build());
    }

    protected HttpResponse<String> post(String path, String json) {
        return post(path, json, UUID.randomUUID().toString());
    }

    /** POST {@code /datasets/<id>/records} as {@link #PARTNER}, signed as a partner signs. */
    protected HttpResponse<String> post(String path, String json, String idempotencyKey) {
        return postAs(PARTNER, path, json, idempotencyKey);
    }

    protected HttpResponse<String> postAs(String partner, String path, String json, String idempotencyKey) {
        String dataset = path.replaceFirst("^/datasets/([^/]+)/records$", "$1");
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(partner, HttpRequest.newBuilder(api(path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .header(vn.gov.lmi.hub.trust.HubSigner.SIGNATURE_HEADER, TestPartners.sign(partner, body, dataset, idempotencyKey))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    protected HttpResponse<String> getAs(String partner, String path) {
        return send(partner, HttpRequest.newBuilder(api(path)).GET().build());
    }

    /** Sends as {@link #PARTNER}. */
    protected static HttpResponse<String> send(HttpRequest request) {
        return send(PARTNER, request);
    }

    /** Sends presenting {@code identity}'s certificate (null: none). */
    protected static HttpResponse<String> send(String identity, HttpRequest request) {
        return send(TestPartners.client(identity), request);
    }

    protected static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call to the hub failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
