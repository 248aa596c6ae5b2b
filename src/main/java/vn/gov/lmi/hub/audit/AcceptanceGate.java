package vn.gov.lmi.hub.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;
import vn.gov.lmi.hub.system.HubProperties;

/**
 * Whether the hub may accept submissions. With time-stamping on, the message log must have been stamped (or
 * found unchanged) within the grace period; otherwise submissions are refused until the TSA answers again,
 * as X-Road's security server does. With time-stamping off, the gate is always open.
 */
@Component
public class AcceptanceGate {

    private final HubProperties.Timestamping settings;
    private final Clock clock;
    private volatile Instant lastStamp;

    public AcceptanceGate(HubProperties properties) {
        this.settings = properties.audit().timestamping();
        this.clock = Clock.systemUTC();
        this.lastStamp = clock.instant();
    }

    public void requireAccepting() {
        if (!settings.enabled()) {
            return;
        }
        Duration since = Duration.between(lastStamp, clock.instant());
        if (since.compareTo(settings.gracePeriod()) > 0) {
            throw new ProblemException(ProblemType.TIMESTAMPING_UNAVAILABLE, "the message log has not been "
                    + "time-stamped since " + lastStamp + " (TSA " + settings.tsaUrl() + ", grace period "
                    + settings.gracePeriod() + "); submissions resume once the TSA answers; retry later");
        }
    }

    /** The chain head is covered by a time-stamp as of now. */
    void stamped() {
        lastStamp = clock.instant();
    }

    public Instant lastStamp() {
        return lastStamp;
    }
}
