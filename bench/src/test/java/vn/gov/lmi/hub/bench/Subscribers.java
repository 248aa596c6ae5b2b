package vn.gov.lmi.hub.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The fan-out workload's three REST subscribers: HTTP servers on loopback that accept every delivery at once
 * and count the distinct delivery ids they received, with the time of the first and last one since the
 * window was opened. {@code GET /stats} on the control port reports them; {@code POST /window} opens a new
 * measuring window. Usage: {@code Subscribers <count> <ports-file>} (the ports file is written when ready).
 */
public final class Subscribers {

    private static final class Subscriber {
        final HttpServer server;
        final Set<String> deliveries = ConcurrentHashMap.newKeySet();
        volatile long windowCount;
        volatile long firstNanos;
        volatile long lastNanos;

        Subscriber() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            server.createContext("/", this::handle);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.start();
        }

        void handle(HttpExchange exchange) throws IOException {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            String id = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (id != null && deliveries.add(id)) {
                long now = System.nanoTime();
                synchronized (this) {
                    if (firstNanos == 0) {
                        firstNanos = now;
                    }
                    lastNanos = now;
                    windowCount++;
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }

        synchronized void openWindow() {
            windowCount = 0;
            firstNanos = 0;
            lastNanos = 0;
        }

        synchronized String stats() {
            return "{\"port\":" + server.getAddress().getPort() + ",\"distinct\":" + deliveries.size()
                    + ",\"window\":" + windowCount + ",\"windowMillis\":" + (lastNanos - firstNanos) / 1_000_000.0 + "}";
        }
    }

    private Subscribers() {
    }

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        List<Subscriber> subscribers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            subscribers.add(new Subscriber());
        }
        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        control.createContext("/stats", exchange -> answer(exchange, "[" + String.join(",",
                subscribers.stream().map(Subscriber::stats).toList()) + "]"));
        control.createContext("/window", exchange -> {
            subscribers.forEach(Subscriber::openWindow);
            answer(exchange, "{}");
        });
        control.start();
        StringBuilder ports = new StringBuilder("control=" + control.getAddress().getPort() + "\n");
        for (int i = 0; i < count; i++) {
            ports.append("subscriber").append(i + 1).append('=').append(subscribers.get(i).server.getAddress().getPort()).append('\n');
        }
        Path file = Path.of(args[1]);
        Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), ports);
        Files.move(file.resolveSibling(file.getFileName() + ".tmp"), file);
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
