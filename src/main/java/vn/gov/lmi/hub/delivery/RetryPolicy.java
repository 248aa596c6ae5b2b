package vn.gov.lmi.hub.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How an endpoint retries a failed delivery: {@code maxAttempts} calls in all, waiting {@code initialDelay}
 * after the first failure, multiplied by {@code multiplier} after each further one, never more than
 * {@code maxDelay}, spread by ±{@code jitter} (0..1) so that many waiting messages do not retry in step.
 * A partner's {@code Retry-After} wins when it asks for longer (up to {@code maxDelay}).
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retryMaxAttempts must be at least 1, not " + maxAttempts);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("retryMultiplier must be at least 1.0, not " + multiplier);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("retryJitter must be between 0 and 1, not " + jitter);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("retryMaxDelay (" + maxDelay + ") must not be below retryInitialDelay ("
                    + initialDelay + ")");
        }
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration delayAfter(int attempt, Duration retryAfter) {
        double base = initialDelay.toMillis() * Math.pow(multiplier, attempt - 1);
        double spread = jitter == 0 ? 0 : base * jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        long millis = (long) Math.min(maxDelay.toMillis(), Math.max(0, base + spread));
        if (retryAfter != null && retryAfter.toMillis() > millis) {
            millis = Math.min(maxDelay.toMillis(), retryAfter.toMillis());
        }
        return Duration.ofMillis(millis);
    }
}
