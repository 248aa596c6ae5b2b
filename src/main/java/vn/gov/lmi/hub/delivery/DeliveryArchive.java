package vn.gov.lmi.hub.delivery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What was delivered where: one row per delivery id, written before each attempt (so a crash mid-send is
 * known: the next copy is flagged as a redelivery) and after each outcome. Resends and the superseded-version
 * check of replays read it.
 */
@Component
public class DeliveryArchive {

    public static final String SENDING = "sending";
    public static final String DELIVERED = "delivered";
    public static final String DEAD_LETTERED = "dead-lettered";

    private final JdbcTemplate jdbc;

    public DeliveryArchive(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One delivery as archived. */
    public record Entry(String deliveryId, String endpoint, String partner, String dataset, long seq, String keyHash,
                        int version, String status, int attempts, int timesSent, String lastError,
                        OffsetDateTime firstAt, OffsetDateTime updatedAt) {
    }

    /** Records that an attempt is about to be made; true when this delivery id was attempted before. */
    public boolean beforeAttempt(String deliveryId, String endpoint, String partner, String dataset, long seq,
                                 String keyHash, int version) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int updated = jdbc.update("UPDATE delivery SET status = ?, attempts = attempts + 1, updated_at = ? WHERE delivery_id = ?",
                SENDING, now, deliveryId);
        if (updated > 0) {
            return true;
        }
        jdbc.update("""
                INSERT INTO delivery (delivery_id, endpoint, partner, dataset, seq, key_hash, version, status, attempts,
                    times_sent, first_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?)""",
                deliveryId, endpoint, partner, dataset, seq, keyHash, version, SENDING, now, now);
        return false;
    }

    public void delivered(String deliveryId) {
        jdbc.update("UPDATE delivery SET status = ?, times_sent = times_sent + 1, last_error = NULL, updated_at = ? WHERE delivery_id = ?",
                DELIVERED, OffsetDateTime.now(ZoneOffset.UTC), deliveryId);
    }

    public void failed(String deliveryId, String status, String error) {
        jdbc.update("UPDATE delivery SET status = ?, last_error = ?, updated_at = ? WHERE delivery_id = ?",
                status, error == null || error.length() <= 1000 ? error : error.substring(0, 1000),
                OffsetDateTime.now(ZoneOffset.UTC), deliveryId);
    }

    public Optional<Entry> find(String deliveryId) {
        return jdbc.query("SELECT * FROM delivery WHERE delivery_id = ?", (rs, n) -> new Entry(rs.getString("delivery_id"),
                rs.getString("endpoint"), rs.getString("partner"), rs.getString("dataset"), rs.getLong("seq"),
                rs.getString("key_hash"), rs.getInt("version"), rs.getString("status"), rs.getInt("attempts"),
                rs.getInt("times_sent"), rs.getString("last_error"), rs.getObject("first_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class)), deliveryId).stream().findFirst();
    }

    public List<Map<String, Object>> countsByStatus(String endpoint) {
        return jdbc.queryForList("SELECT status, COUNT(*) AS n FROM delivery WHERE endpoint = ? GROUP BY status", endpoint);
    }
}
