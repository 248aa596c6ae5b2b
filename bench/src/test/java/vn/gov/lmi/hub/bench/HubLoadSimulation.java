package vn.gov.lmi.hub.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.nio.file.Path;
import java.time.Duration;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * One workload against the running hub, chosen by system properties ({@code bench.workload}: ingest, pull,
 * soap or plain; {@code bench.concurrency}, {@code bench.duration} in seconds, {@code bench.batch} records per
 * request). Closed loop: each of the concurrent users sends its next request when the previous answer is in,
 * over its own kept-alive mutual TLS connection (the partner's certificate from gatling.ssl.keyStore.*).
 * Any answer but the expected status counts as an error.
 */
public class HubLoadSimulation extends Simulation {

    private final String workload = System.getProperty("bench.workload", "ingest");
    private final int concurrency = Integer.getInteger("bench.concurrency", 8);
    private final int duration = Integer.getInteger("bench.duration", 20);
    private final int batch = Integer.getInteger("bench.batch", 1);
    private final String name = System.getProperty("bench.name", workload + "-c" + concurrency);
    private final String hub = System.getProperty("bench.hub", "https://localhost:8443");
    private final String management = System.getProperty("bench.management", "http://127.0.0.1:8081");
    private final Path certs = Path.of(System.getProperty("bench.certs", "certs-example"));
    private final String partner = System.getProperty("bench.partner", "npsp");

    {
        HttpProtocolBuilder protocol = http.baseUrl(workload.equals("plain") ? management : hub)
                .acceptHeader("application/json").disableCaching();
        ScenarioBuilder load = scenario(name).during(Duration.ofSeconds(duration)).on(request());
        setUp(load.injectOpen(atOnceUsers(concurrency))).protocols(protocol);
    }

    private ChainBuilder request() {
        switch (workload) {
            case "plain":
                return io.gatling.javaapi.core.CoreDsl.exec(http(name).get("/actuator/health/liveness").check(status().is(200)));
            case "pull":
                return io.gatling.javaapi.core.CoreDsl.exec(http(name)
                        .get("/api/v1/datasets/" + SignedRequests.DATASET + "/records?limit=500").check(status().is(200)));
            case "soap":
                // XML signing is slower than JWS: a smaller pool, the rest signed on the fly
                return io.gatling.javaapi.core.CoreDsl.feed(new SignedRequests(certs, partner, "soap", 1,
                                Math.min(pool(), concurrency * duration * 40)))
                        .exec(http(name).post("/services/exchange").header("Content-Type", "text/xml; charset=utf-8")
                                .body(StringBody("#{body}")).check(status().is(200)));
            default:
                return io.gatling.javaapi.core.CoreDsl.feed(new SignedRequests(certs, partner, "json", batch, pool()))
                        .exec(http(name).post("/api/v1/datasets/" + SignedRequests.DATASET + "/records")
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", "#{key}")
                                .header("X-JWS-Signature", "#{signature}")
                                .body(StringBody("#{body}")).check(status().is(202)));
        }
    }

    /** Requests signed before the load starts: enough for the rate the workload can reach, within memory. */
    private int pool() {
        return Integer.getInteger("bench.pool", Math.min(12_000, Math.max(100, concurrency * duration * 100 / batch)));
    }
}
