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
        return subscriptionQueue(partner, dataset);
    }

    /** The durable queue a partner's subscription to a dataset waits in, whether or not its route runs. */
    public static String subscriptionQueue(String partner, String dataset) {
        return "lmi.sub." + partner + "." + dataset;
    }

    /** The id of the delivery of the version with change sequence {@code seq}: the partner's de-duplication key. */
    public static String deliveryId(String partner, String dataset, long seq) {
        return partner + ":" + dataset + ":" + seq;
    }

    public String deadLetterQueue() {
        return "lmi.dlq." + id();
    }

    public String deliveryId(long seq) {
        return deliveryId(partner, dataset, seq);
    }
}
