package vn.gov.lmi.hub.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on 127.0.0.1 standing in for a partner, a token endpoint or a portal: it records every request
 * (method, path, headers, body) in arrival order and answers from a script per path. A path without a script
 * answers 404.
 */
final class RecordingHttpServer implements AutoCloseable {

    /** One request as received; headers by case-insensitive name (first value). */
    record Request(String method, String path, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name);
        }

        /** {@code "POST /token"}, to compare sequences of calls. */
        String line() {
            return method + " " + path;
        }
    }

    /** What to answer: a status, a body and extra headers. */
    record Answer(int status, String body, Map<String, String> headers) {

        static Answer json(int status, String body) {
            return new Answer(status, body, Map.of("Content-Type", "application/json"));
        }

        static Answer of(int status, String contentType, String body) {
            return new Answer(status, body, Map.of("Content-Type", contentType));
        }

        Answer withHeader(String name, String value) {
            Map<String, String> all = new TreeMap<>(headers);
            all.put(name, value);
            return new Answer(status, body, all);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Request, Answer>> scripts = new ConcurrentHashMap<>();

    RecordingHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers requests to {@code path} with these answers in turn; the last one repeats. */
    void answer(String path, Answer... answers) {
        Deque<Answer> queue = new ArrayDeque<>(List.of(answers));
        scripts.put(path, request -> {
            synchronized (queue) {
                return queue.size() > 1 ? queue.poll() : queue.peek();
            }
        });
    }

    /** Answers requests to {@code path} as {@code script} decides (it runs on the server's thread). */
    void answer(String path, Function<Request, Answer> script) {
        scripts.put(path, script);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The requests as {@code "METHOD /path"} lines, in arrival order. */
    List<String> lines() {
        return requests.stream().map(Request::line).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    java.util.Collections.unmodifiableMap(headers), body);
            requests.add(request);
            Function<Request, Answer> script = scripts.get(request.path());
            Answer answer = script == null ? Answer.of(404, "text/plain", "no script for " + request.path()) : script.apply(request);
            byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
