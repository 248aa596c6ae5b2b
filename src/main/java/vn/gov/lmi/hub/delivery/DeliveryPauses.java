package vn.gov.lmi.hub.delivery;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The waits between delivery attempts. They end early when the hub shuts down, so a long back-off never holds
 * up a stop: the waiting message is rolled back into its queue and retried after the restart.
 */
@Component
public class DeliveryPauses implements SmartLifecycle {

    /** How soon a wait notices that its route was removed. */
    private static final long CLOSED_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private volatile CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;

    /**
     * Waits {@code duration}; throws {@link HubStopping} if the hub stops meanwhile, or if {@code closed} is
     * counted down (the route of the waiting deliverer was removed or replaced).
     */
    public void pause(Duration duration, CountDownLatch closed) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            while (true) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                if (stopping.await(Math.min(left, CLOSED_CHECK_NANOS), TimeUnit.NANOSECONDS) || closed.getCount() == 0) {
                    throw new HubStopping();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubStopping();
        }
    }

    /** Thrown out of a delivery so that its JMS transaction rolls back and the message stays queued. */
    public static final class HubStopping extends RuntimeException {
        HubStopping() {
            super("the hub or the route is stopping; the message stays in its queue");
        }
    }

    @Override
    public void start() {
        stopping = new CountDownLatch(1);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopping.countDown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before Camel, so that waiting deliveries give up their messages before consumers are closed. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
