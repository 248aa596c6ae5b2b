package vn.gov.lmi.hub.delivery;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One subscription's delivery settings, from the template parameters of its route in {@code routes/}.
 * Its id {@code <partner>.<dataset>} names its queue ({@code lmi.sub.<id>}), its dead-letter queue
 * ({@code lmi.dlq.<id>}), its metrics and its circuit breaker.
 *
 * @param mapping  a JSLT file that turns the hub's record into the partner's format, or null
 * @param contract a JSON Schema file the partner's format must satisfy, or null
 */
public record DeliveryEndpoint(String partner, String dataset, String transportName, Path mapping, Path contract,
                               RetryPolicy retry, int circuitFailureRate, int circuitMinimumCalls,
                               Duration circuitOpenFor) {

    public String id() {
        return partner + "." + dataset;
    }

    public String subscriptionQueue() {
        return "lmi.sub." + id();
    }

    public String deadLetterQueue() {
        return "lmi.dlq." + id();
    }

    public String deliveryId(long seq) {
        return partner + ":" + dataset + ":" + seq;
    }
}
