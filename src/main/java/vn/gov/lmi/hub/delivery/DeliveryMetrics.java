package vn.gov.lmi.hub.delivery;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Per endpoint: {@code lmi.delivery.attempts{endpoint, outcome=success|retryable|permanent}},
 * {@code lmi.deliveries{endpoint, outcome=delivered|dead-lettered}}, {@code lmi.delivery.latency{endpoint}},
 * {@code lmi.delivery.dead.letters{endpoint}} (queue depth) and {@code lmi.delivery.circuit.state{endpoint}}
 * (0 closed, 1 open, 2 half-open).
 */
@Component
public class DeliveryMetrics {

    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void attempt(String endpoint, String outcome, Duration took) {
        Counter.builder("lmi.delivery.attempts").description("Delivery attempts per endpoint and outcome")
                .tag("endpoint", endpoint).tag("outcome", outcome).register(registry).increment();
        Timer.builder("lmi.delivery.latency").description("Time of one delivery attempt")
                .tag("endpoint", endpoint).register(registry).record(took);
    }

    void outcome(String endpoint, String outcome) {
        Counter.builder("lmi.deliveries").description("Deliveries per endpoint and final outcome")
                .tag("endpoint", endpoint).tag("outcome", outcome).register(registry).increment();
    }

    void register(Deliverer deliverer, DeadLetters deadLetters) {
        String endpoint = deliverer.endpoint().id();
        Gauge.builder("lmi.delivery.circuit.state", deliverer, d -> switch (d.circuit().getState()) {
                    case CLOSED -> 0;
                    case OPEN, FORCED_OPEN -> 1;
                    case HALF_OPEN -> 2;
                    default -> 3;
                }).description("Circuit breaker state: 0 closed, 1 open, 2 half-open, 3 other")
                .tag("endpoint", endpoint).register(registry);
        CachedDepth depth = new CachedDepth(() -> deadLetters.depth(deliverer.endpoint()));
        Gauge.builder("lmi.delivery.dead.letters", depth, CachedDepth::value)
                .description("Messages resting in the endpoint's dead-letter queue")
                .tag("endpoint", endpoint).register(registry);
    }

    /** Drops the gauges of an endpoint whose route was removed (they hold on to its deliverer). */
    void unregister(String endpoint) {
        for (String name : java.util.List.of("lmi.delivery.circuit.state", "lmi.delivery.dead.letters")) {
            registry.find(name).tag("endpoint", endpoint).meters().forEach(registry::remove);
        }
    }

    /** Browsing a queue on every scrape would cost more than the figure is worth: re-counted every 10 s. */
    private static final class CachedDepth {
        private final java.util.function.LongSupplier count;
        private volatile long value;
        private volatile long countedAt;

        CachedDepth(java.util.function.LongSupplier count) {
            this.count = count;
        }

        double value() {
            long now = System.nanoTime();
            if (countedAt == 0 || now - countedAt > 10_000_000_000L) {
                value = count.getAsLong();
                countedAt = now;
            }
            return value;
        }
    }
}
