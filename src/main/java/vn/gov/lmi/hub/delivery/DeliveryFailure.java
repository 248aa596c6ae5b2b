package vn.gov.lmi.hub.delivery;

import java.time.Duration;

/**
 * Why an attempt failed and whether trying again can help: connection errors, timeouts, 5xx, 408 and 429 can;
 * other 4xx answers, a mapping or contract error cannot and go straight to dead letters.
 */
public class DeliveryFailure extends RuntimeException {

    private final String reason;
    private final boolean retryable;
    private final Duration retryAfter;

    public DeliveryFailure(String reason, String message, boolean retryable, Duration retryAfter) {
        super(message);
        this.reason = reason;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static DeliveryFailure permanent(String reason, String message) {
        return new DeliveryFailure(reason, message, false, null);
    }

    public static DeliveryFailure retryable(String reason, String message, Duration retryAfter) {
        return new DeliveryFailure(reason, message, true, retryAfter);
    }

    /** Short machine-readable cause: {@code http-503}, {@code connection}, {@code timeout}, {@code contract-violation}, … */
    public String reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
