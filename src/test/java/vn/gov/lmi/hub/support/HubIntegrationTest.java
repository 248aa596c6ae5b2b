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
        "hub.events.relay-interval=200ms"
})
public abstract class HubIntegrationTest {

    /**
     * Set as a system property, not a dynamic property: logging reads {@code hub.home} before the test
     * context's dynamic properties exist.
     */
    private static final Path HUB_HOME = createHubHome();

    static {
        System.setProperty("hub.home", HUB_HOME.toString());
    }

    protected static final HttpClient HTTP = HttpClient.newHttpClient();

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
        return URI.create("http://localhost:" + port + "/api/v1" + path);
    }

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(api(path)).GET().build());
    }

    protected HttpResponse<String> post(String path, String json) {
        return post(path, json, UUID.randomUUID().toString());
    }

    protected HttpResponse<String> post(String path, String json, String idempotencyKey) {
        return send(HttpRequest.newBuilder(api(path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call to the hub failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
