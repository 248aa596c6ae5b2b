package vn.gov.lmi.hub.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tamper-evident message log. Appends are serialised on the head row, so each entry's {@code prev_hash} is
 * the hash of the entry before it. Called inside another transaction (an accepted submission), the entry commits
 * or rolls back with it.
 */
@Component
public class MessageLog {

    private static final int DETAIL_LIMIT = 1000;
    private static final RowMapper<MessageLogEntry> ENTRY = MessageLog::entry;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public MessageLog(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public MessageLogEntry append(LoggedExchange exchange) {
        return transactions.execute(status -> {
            Map<String, Object> head = jdbc.queryForMap("SELECT last_seq, last_hash FROM message_log_head WHERE id = 1 FOR UPDATE");
            long seq = ((Number) head.get("last_seq")).longValue() + 1;
            MessageLogEntry unsealed = new MessageLogEntry(seq, Instant.now().truncatedTo(ChronoUnit.MICROS),
                    exchange.direction(), storable(exchange.partner(), 64), storable(exchange.dataset(), 64),
                    storable(exchange.operation(), 32), storable(exchange.messageId(), 64), exchange.payloadSha256(),
                    storable(exchange.signature(), Integer.MAX_VALUE), storable(exchange.outcome(), 64),
                    storable(exchange.detail(), DETAIL_LIMIT), (String) head.get("last_hash"), null);
            String hash = unsealed.chainHash();
            jdbc.update("""
                    INSERT INTO message_log (seq, logged_at, direction, partner, dataset, operation, message_id,
                        payload_sha256, signature, outcome, detail, prev_hash, entry_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    seq, OffsetDateTime.ofInstant(unsealed.loggedAt(), ZoneOffset.UTC), unsealed.direction().name(),
                    unsealed.partner(), unsealed.dataset(), unsealed.operation(), unsealed.messageId(),
                    unsealed.payloadSha256(), unsealed.signature(), unsealed.outcome(), unsealed.detail(),
                    unsealed.prevHash(), hash);
            jdbc.update("UPDATE message_log_head SET last_seq = ?, last_hash = ? WHERE id = 1", seq, hash);
            return new MessageLogEntry(seq, unsealed.loggedAt(), unsealed.direction(), unsealed.partner(), unsealed.dataset(),
                    unsealed.operation(), unsealed.messageId(), unsealed.payloadSha256(), unsealed.signature(),
                    unsealed.outcome(), unsealed.detail(), unsealed.prevHash(), hash);
        });
    }

    /**
     * Text exactly as both databases store it, so the hash computed here is the hash of what is stored: control
     * characters and lone surrogates (which PostgreSQL would refuse or replace) become '?', and long text is cut
     * on a character boundary.
     */
    static String storable(String text, int limit) {
        if (text == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Math.min(text.length(), limit));
        int i = 0;
        while (i < text.length() && clean.length() < limit) {
            int codePoint = text.codePointAt(i);
            boolean loneSurrogate = Character.isSurrogate(text.charAt(i)) && Character.charCount(codePoint) == 1;
            if (codePoint < 0x20 || codePoint == 0x7f || loneSurrogate) {
                clean.append('?');
            } else if (clean.length() + Character.charCount(codePoint) <= limit) {
                clean.appendCodePoint(codePoint);
            } else {
                break;
            }
            i += Character.charCount(codePoint);
        }
        return clean.toString();
    }

    /** The entry at {@code seq}, if present. */
    public java.util.Optional<MessageLogEntry> at(long seq) {
        return jdbc.query("SELECT * FROM message_log WHERE seq = ?", ENTRY, seq).stream().findFirst();
    }

    public List<MessageLogEntry> after(long seq, int limit) {
        return jdbc.query("SELECT * FROM message_log WHERE seq > ? ORDER BY seq LIMIT ?", ENTRY, seq, limit);
    }

    /** The chain head as the head row records it: last sequence number and hash. */
    public Head head() {
        return jdbc.queryForObject("SELECT last_seq, last_hash FROM message_log_head WHERE id = 1",
                (rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")));
    }

    /**
     * Reads the head and then every entry up to it, in sequence order, in one read-only transaction (entries
     * appended meanwhile are not part of the check) and streamed, so the log is never held in memory.
     */
    public Head forEachUpToHead(Consumer<MessageLogEntry> sink) {
        TransactionTemplate readOnly = new TransactionTemplate(transactions.getTransactionManager());
        readOnly.setReadOnly(true);
        return readOnly.execute(status -> {
            Head head = head();
            JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
            streaming.setFetchSize(500);
            streaming.query("SELECT * FROM message_log WHERE seq <= ? ORDER BY seq", rs -> {
                sink.accept(entry(rs, 0));
            }, head.seq());
            return head;
        });
    }

    /** The time-stamped chain heads: sequence number, head hash and the DER token. */
    public List<Stamp> stamps() {
        return jdbc.query("SELECT seq, head_hash, token_base64 FROM message_log_timestamp ORDER BY seq",
                (rs, n) -> new Stamp(rs.getLong(1), rs.getString(2), java.util.Base64.getDecoder().decode(rs.getString(3))));
    }

    public record Stamp(long seq, String headHash, byte[] token) {
    }

    public record Head(long seq, String hash) {
    }

    static MessageLogEntry entry(ResultSet rs, int row) throws SQLException {
        return new MessageLogEntry(rs.getLong("seq"), rs.getObject("logged_at", OffsetDateTime.class).toInstant(),
                MessageLogEntry.Direction.valueOf(rs.getString("direction")), rs.getString("partner"),
                rs.getString("dataset"), rs.getString("operation"), rs.getString("message_id"),
                rs.getString("payload_sha256"), rs.getString("signature"), rs.getString("outcome"),
                rs.getString("detail"), rs.getString("prev_hash"), rs.getString("entry_hash"));
    }
}
