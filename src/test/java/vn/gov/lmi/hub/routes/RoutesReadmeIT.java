package vn.gov.lmi.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.gov.lmi.hub.support.Examples;
import vn.gov.lmi.hub.support.FakePartner;
import vn.gov.lmi.hub.support.HubProcess;
import vn.gov.lmi.hub.support.TestPartners;

/**
 * "Add a partner in five steps" in {@code routes/README.md}, followed as a new engineer would: the snippets are
 * taken from the README as written, the commands it gives are run from the packaged jar, and the files go into
 * the routes folder of a hub that is already running. The new partner then receives vacancies in its own format
 * without a restart (its URL pointed at a local stand-in, as the partner is not reachable from here).
 */
class RoutesReadmeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theFiveStepsAddAWorkingPartnerToARunningHub(@TempDir Path temp) throws Exception {
        List<String> snippets = fiveStepSnippets();
        assertThat(snippets).hasSize(6);
        String registryEntry = snippets.get(0);
        String route = snippets.get(1);
        String mapping = snippets.get(2);
        String examples = snippets.get(3);
        String test = snippets.get(4);
        assertThat(route.split("\n")).as("a new REST partner is one file of at most 40 lines").hasSizeLessThanOrEqualTo(40);

        Path routes = RouteWorkspace.create(temp, true);
        Path install = routes.getParent();
        Path partners = routes.resolve("partners.yaml");
        Files.writeString(partners, Files.readString(partners).replaceFirst("(?m)^partners:\\n", "partners:\n" + registryEntry));
        write(routes, "vieclam-danang/mappings/vacancy.jslt", mapping);
        write(routes, "vieclam-danang/mappings/vacancy.examples.yaml", examples);
        write(routes, "vieclam-danang/tests/posting.yaml", test);
        write(routes, "vieclam-danang/job-vacancy.yaml", route);

        // step 5 as written: validate, then the route tests
        List<String> validate = jar(install, "routes", "validate", "routes");
        assertThat(validate).as(String.join("\n", validate)).contains("routes: 7 route file(s), 9 route test(s): no problems");
        List<String> tests = jar(install, "routes", "test", "routes");
        assertThat(tests).as(String.join("\n", tests)).contains("PASS vieclam-danang/mappings/vacancy.examples.yaml (mapping examples)",
                "PASS vieclam-danang/tests/posting.yaml (a vacancy reaches the centre as a posting, signed, with its delivery id)",
                "routes test: 12 passed, 0 failed");

        // and live: a running hub picks the partner up without a restart
        Files.delete(routes.resolve("vieclam-danang/job-vacancy.yaml"));
        try (FakePartner centre = new FakePartner();
             HubProcess hub = HubProcess.start(install, temp.resolve("home"), temp.resolve("hub.log"),
                     "--hub.install-dir=" + install, "--hub.events.allow-plain-http-delivery=true")) {
            write(routes, "vieclam-danang/job-vacancy.yaml",
                    route.replace("https://vieclam.danang.gov.vn", centre.url("").toString()));
            await().atMost(Duration.ofSeconds(15)).until(() -> health(hub).path("components").path("deliveries")
                    .path("details").path("endpoints").has("vieclam-danang.job-vacancy"));

            ObjectNode vacancy = (ObjectNode) JSON.readTree(Examples.firstValid("job-vacancy"));
            vacancy.put("vacancyId", "DN-README-1");
            byte[] body = JSON.writeValueAsBytes(vacancy);
            String key = UUID.randomUUID().toString();
            HttpResponse<String> receipt = TestPartners.client("dolisa-hanoi").send(HttpRequest.newBuilder(
                            hub.api("/datasets/job-vacancy/records"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .header("X-JWS-Signature", TestPartners.sign("dolisa-hanoi", body, "job-vacancy", key))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> !centre.acceptedAll().isEmpty());
            JsonNode posting = JSON.readTree(centre.acceptedAll().get(0).body());
            assertThat(posting.path("maTin").asText()).isEqualTo("DN-README-1");
            assertThat(posting.path("tieuDe").asText()).isEqualTo(vacancy.path("jobTitle").asText());
            assertThat(posting.path("phienBan").asInt()).isEqualTo(1);
        }
    }

    /** The fenced blocks of the README's five steps, in order. */
    private static List<String> fiveStepSnippets() throws IOException {
        String readme = Files.readString(RouteWorkspace.PROJECT.resolve("routes/README.md"));
        int start = readme.indexOf("## Add a partner in five steps");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        List<String> snippets = new ArrayList<>();
        Matcher fence = FENCE.matcher(section);
        while (fence.find()) {
            snippets.add(fence.group(2));
        }
        return snippets;
    }

    private static JsonNode health(HubProcess hub) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + hub.managementPort() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static void write(Path routes, String name, String content) throws IOException {
        Path file = routes.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static List<String> jar(Path workingDir, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", RouteWorkspace.PROJECT.resolve("target/lmi-hub.jar").toString()));
        line.addAll(List.of(command));
        Path output = Files.createTempFile("routes-readme", ".txt");
        Process process = new ProcessBuilder(line).directory(workingDir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return Files.readAllLines(output);
    }
}
