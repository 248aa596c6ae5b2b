package vn.gov.lmi.hub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A partner's REST endpoint on localhost, standing in for a real partner system: it records every request
 * (delivery id, attempt, redelivery flag, body, time) and answers as the test tells it. It can go away
 * (connections refused) and come back on the same port, and it can be slow.
 */
public final class FakePartner implements AutoCloseable {

    /** One request as received, with the status the partner answered (0: it never answered). */
    public record Received(String deliveryId, int attempt, boolean redelivery, String signature, String body,
                           Instant at, int status) {
    }

    /** What to answer to a request: a status, or {@link #SLOW} to hold the answer back. */
    public static final int SLOW = -1;

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final int port;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Function<Received, Integer> behaviour = r -> 200;
    private HttpServer server;

    public FakePartner() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        port = server.getAddress().getPort();
        serve();
    }

    /** A partner listening at once, for static fields of tests (an I/O failure is a broken test machine). */
    public static FakePartner listening() {
        try {
            return new FakePartner();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a local partner server", e);
        }
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public void answer(Function<Received, Integer> behaviour) {
        this.behaviour = behaviour;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests of one delivery id that the partner answered with 2xx. */
    public List<Received> accepted(String deliveryId) {
        return received.stream().filter(r -> r.deliveryId().equals(deliveryId) && r.status() >= 200 && r.status() < 300).toList();
    }

    public List<Received> acceptedAll() {
        return received.stream().filter(r -> r.status() >= 200 && r.status() < 300).toList();
    }

    public void stop() {
        server.stop(0);
    }

    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        serve();
    }

    private void serve() {
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String attempt = exchange.getRequestHeaders().getFirst("Lmi-Delivery-Attempt");
        Received request = new Received(String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")),
                attempt == null ? 0 : Integer.parseInt(attempt),
                "true".equals(exchange.getRequestHeaders().getFirst("Lmi-Redelivery")),
                exchange.getRequestHeaders().getFirst("X-JWS-Signature"), body, Instant.now(), 0);
        int status = behaviour.apply(request);
        if (status == SLOW) {
            received.add(request);
            try {
                // hold the answer past the hub's response timeout; released when the partner is closed
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        received.add(new Received(request.deliveryId(), request.attempt(), request.redelivery(), request.signature(),
                request.body(), request.at(), status));
        byte[] answer = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
