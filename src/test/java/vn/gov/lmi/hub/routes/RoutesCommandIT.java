package vn.gov.lmi.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code routes validate} and {@code routes test} run from the packaged jar as an engineer runs them: on the
 * project's own workspace (all green: every adapter's route tests and mapping examples pass against the real
 * templates), and on copies with one mistake, which must fail with the exact report.
 */
class RoutesCommandIT {

    private record Run(int exit, List<String> lines) {
    }

    @Test
    void theProjectWorkspaceValidates() throws Exception {
        Run run = jar(RouteWorkspace.PROJECT, "routes", "validate", "routes");
        assertThat(run.exit()).as(String.join("\n", run.lines())).isZero();
        assertThat(run.lines()).contains("routes: 6 route file(s), 8 route test(s): no problems");
    }

    @Test
    void aBrokenWorkspaceIsReportedFileByFileAndExitsNonZero(@TempDir Path temp) throws Exception {
        Path routes = RouteWorkspace.create(temp, true);
        Files.writeString(routes.resolve("npsp/extra.yaml"), """
                - templatedRoute:
                    routeTemplateRef: rest-push
                    routeId: npsp.job-vacancy
                    parameters:
                      - name: partner
                        value: npsp
                      - name: dataset
                        value: job-vacancy
                """);
        Run run = jar(routes.getParent(), "routes", "validate", "routes");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.lines()).containsSubsequence(
                "routes/npsp/extra.yaml:1: missing required parameter 'url' of template rest-push: Partner endpoint receiving POST application/json",
                "routes/npsp/extra.yaml:6: partner 'npsp' has no 'subscribe' grant on dataset 'job-vacancy' in partners.yaml",
                "2 problem(s) in routes");
    }

    @Test
    void everyAdaptersRouteTestsAndMappingExamplesPass() throws Exception {
        Run run = jar(RouteWorkspace.PROJECT, "routes", "test", "routes");
        assertThat(run.exit()).as(String.join("\n", run.lines())).isZero();
        assertThat(run.lines().stream().filter(l -> l.startsWith("PASS ")).map(l -> l.split(" ")[1]).toList()).containsExactly(
                "molisa-portal/mappings/job-vacancy.examples.yaml",
                "npsp/mappings/dossier-progress.examples.yaml",
                "molisa-portal/tests/portal-refuses.yaml",
                "molisa-portal/tests/vacancy-published.yaml",
                "ngsp/tests/token-cached.yaml",
                "ngsp/tests/token-expired.yaml",
                "ngsp/tests/token-lifetime-over.yaml",
                "npsp/tests/portal-error.yaml",
                "npsp/tests/progress-reported.yaml",
                "npsp/tests/session-expired.yaml");
        assertThat(run.lines()).contains("routes test: 10 passed, 0 failed");
    }

    @Test
    void aRouteTestThatDoesNotHoldFailsWithWhatThePartnerReceived(@TempDir Path temp) throws Exception {
        Path routes = RouteWorkspace.create(temp, true);
        Path test = routes.resolve("npsp/tests/progress-reported.yaml");
        Files.writeString(test, Files.readString(test).replace("dstcode: BLDTBXH_CAPNHATTIENDO", "dstcode: WRONG_CODE"));
        Path examples = routes.resolve("npsp/mappings/dossier-progress.examples.yaml");
        Files.writeString(examples, Files.readString(examples).replace("ThoiDiemXuLy: \"20251124083000\"",
                "ThoiDiemXuLy: \"20251124013000\""));

        Run run = jar(routes.getParent(), "routes", "test", "routes");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.lines()).containsSubsequence(
                "FAIL npsp/mappings/dossier-progress.examples.yaml (mapping examples)",
                "     npsp/mappings/dossier-progress.examples.yaml \"a time with another offset is written in Vietnam time\": "
                        + "expected {\"MaHoSo\":\"000.00.20.H26-251124-0014\",\"NguoiXuLy\":\"Lê Văn Bình\",\"ThoiDiemXuLy\":\"20251124013000\",\"TrangThai\":\"4\"} "
                        + "but the mapping gave {\"MaHoSo\":\"000.00.20.H26-251124-0014\",\"NguoiXuLy\":\"Lê Văn Bình\",\"ThoiDiemXuLy\":\"20251124083000\",\"TrangThai\":\"4\"}",
                "FAIL npsp/tests/progress-reported.yaml (the hub logs in, then reports progress with dstcode, madonvi, service and the session)",
                "     request 2: header dstcode expected 'WRONG_CODE', got 'BLDTBXH_CAPNHATTIENDO'",
                "routes test: 8 passed, 2 failed");
    }

    private static Run jar(Path workingDir, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", RouteWorkspace.PROJECT.resolve("target/lmi-hub.jar").toString()));
        line.addAll(List.of(command));
        Path output = Files.createTempFile("routes-command", ".txt");
        Process process = new ProcessBuilder(line).directory(workingDir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readAllLines(output));
    }
}
