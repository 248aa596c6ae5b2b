package vn.gov.lmi.hub.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.gov.lmi.hub.support.TestPartners;

/**
 * The packaged jar, started as an operator would from an unrelated working directory, finds the project's
 * {@code schemas/} and writes only under its hub home.
 */
class JarStartupIT {

    @TempDir
    Path workingDirectory;
    @TempDir
    Path hubHome;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void startsFromAnyWorkingDirectoryAndServesTheCatalog() throws Exception {
        Path jar = Path.of("target/lmi-hub.jar").toAbsolutePath();
        assertThat(jar).exists();
        int port = freePort();
        int managementPort = freePort();
        Process hub = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--hub.home=" + hubHome, "--server.port=" + port,
                "--management.server.port=" + managementPort))
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workingDirectory.resolve("console.log").toFile())
                .start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                            .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            HttpResponse<String> catalog = TestPartners.client("dolisa-hanoi").send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + port + "/api/v1/datasets")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(catalog.statusCode()).isEqualTo(200);
            assertThat(catalog.body()).contains("\"id\":\"labor-supply-person\"");
        } finally {
            hub.destroy();
            assertThat(hub.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(hubHome.resolve("db/lmi-hub.mv.db")).exists();
        assertThat(hubHome.resolve("artemis")).isDirectory();
        assertThat(hubHome.resolve("logs/lmi-hub.log")).exists();
        try (var written = Files.list(workingDirectory)) {
            assertThat(written.map(p -> p.getFileName().toString())).containsExactly("console.log");
        }
    }
}
