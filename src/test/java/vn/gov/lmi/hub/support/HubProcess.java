package vn.gov.lmi.hub.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged hub ({@code target/lmi-hub.jar}) as a separate JVM, started as an operator starts it: from a
 * working directory of the test's choosing, with its own hub home and ports. It can be stopped or killed
 * ({@code kill -9}).
 */
public final class HubProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final int managementPort;

    private HubProcess(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts the jar with {@code --hub.home} and the given extra arguments, and waits until it is ready. */
    public static HubProcess start(Path workingDirectory, Path hubHome, Path consoleLog, String... arguments) throws IOException {
        Path jar = Path.of("target/lmi-hub.jar").toAbsolutePath();
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--hub.home=" + hubHome, "--server.port=" + port,
                "--management.server.port=" + managementPort));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()))
                .start();
        HubProcess hub = new HubProcess(process, port, managementPort);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited during start-up; see " + consoleLog);
            }
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        });
        return hub;
    }

    public int managementPort() {
        return managementPort;
    }

    public URI api(String path) {
        return URI.create("https://localhost:" + port + "/api/v1" + path);
    }

    /** {@code kill -9}: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    public boolean stoppedWithin(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
