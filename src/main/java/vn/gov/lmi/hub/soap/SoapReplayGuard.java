package vn.gov.lmi.hub.soap;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;


/**
 * Refuses a WS-Security signed request seen before within the freshness window (a replay), recognised by the
 * digest of its canonical SignedInfo. Kept in the
 * database so that every node of a cluster sees every request; entries older than the window are dropped,
 * since a request that old is refused for its timestamp anyway.
 */
@Component
public class SoapReplayGuard {

    private final JdbcTemplate jdbc;

    public SoapReplayGuard(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the request's replay key (digest of what its signature covers); false when seen before. */
    public boolean firstTime(String replayKey, Instant now, Duration window) {
        jdbc.update("DELETE FROM soap_message_seen WHERE seen_at < ?", OffsetDateTime.ofInstant(now.minus(window.multipliedBy(2)), ZoneOffset.UTC));
        try {
            jdbc.update("INSERT INTO soap_message_seen (signature_sha256, seen_at) VALUES (?, ?)",
                    replayKey, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            return true;
        } catch (DuplicateKeyException replay) {
            return false;
        }
    }
}
