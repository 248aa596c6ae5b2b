package vn.gov.lmi.hub.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The partner, replaced for {@code routes test}: an HTTP server on loopback that records every request and
 * answers from the test's script, in order (the last answer repeats).
 */
final class PartnerStandIn implements AutoCloseable {

    /** A request as the partner received it. */
    record Received(String method, String path, Map<String, String> headers, String body) {
    }

    private static final RouteTestCase.Answer OK = new RouteTestCase.Answer(200, Map.of(), "{}");

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private List<RouteTestCase.Answer> script = List.of(OK);

    PartnerStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Where a partner URL goes instead: the same path and query on the stand-in. */
    String replace(String partnerUrl) {
        URI uri = URI.create(partnerUrl);
        return "http://127.0.0.1:" + server.getAddress().getPort() + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    synchronized void script(List<RouteTestCase.Answer> answers) {
        script = answers.isEmpty() ? List.of(OK) : List.copyOf(answers);
        received.clear();
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        URI uri = exchange.getRequestURI();
        RouteTestCase.Answer answer;
        synchronized (this) {
            answer = script.get(Math.min(received.size(), script.size() - 1));
            received.add(new Received(exchange.getRequestMethod(), uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), headers, body));
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.body().startsWith("<") ? "text/xml" : "application/json");
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
