package vn.gov.lmi.hub.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.gov.lmi.hub.support.HubProcess;
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

    @Test
    void startsFromAnyWorkingDirectoryAndServesTheCatalog() throws Exception {
        Path jar = Path.of("target/lmi-hub.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path routes = Files.createDirectories(hubHome.resolve("routes/molisa-portal"));
        Files.writeString(routes.resolve("deliveries.yaml"), """
                - templatedRoute:
                    routeTemplateRef: rest-push
                    routeId: molisa-portal.job-vacancy
                    parameters:
                      - name: partner
                        value: molisa-portal
                      - name: dataset
                        value: job-vacancy
                      - name: url
                        value: http://portal.example/lmi
                """);
        HubProcess hub = HubProcess.start(workingDirectory, hubHome, workingDirectory.resolve("console.log"),
                "--hub.routes-dir=" + routes.getParent());
        try {
            // shipped default: deliveries carry personal data, so a plain-http partner URL is refused
            HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + hub.managementPort() + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("molisa-portal/deliveries.yaml")
                    .contains("parameter 'url' is plain http ('http://portal.example/lmi'): partners are called over https only");
            HttpResponse<String> catalog = TestPartners.client("dolisa-hanoi").send(HttpRequest.newBuilder(
                    hub.api("/datasets")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(catalog.statusCode()).isEqualTo(200);
            assertThat(catalog.body()).contains("\"id\":\"labor-supply-person\"");
        } finally {
            assertThat(hub.stoppedWithin(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(hubHome.resolve("db/lmi-hub.mv.db")).exists();
        assertThat(hubHome.resolve("artemis")).isDirectory();
        assertThat(hubHome.resolve("logs/lmi-hub.log")).exists();
        try (var written = Files.list(workingDirectory)) {
            assertThat(written.map(p -> p.getFileName().toString())).containsExactly("console.log");
        }
    }
}
