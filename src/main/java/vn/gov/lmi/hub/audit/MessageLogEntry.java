package vn.gov.lmi.hub.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.gov.lmi.hub.trust.Digests;

/**
 * One exchange as the message log keeps it. {@code signature} is the JWS as received (inbound) or as sent
 * (outbound); {@code outcome} is {@code accepted}, {@code replayed}, {@code served} or the problem slug of a
 * refusal. Entries never hold record content: only its SHA-256.
 */
public record MessageLogEntry(long seq, Instant loggedAt, Direction direction, String partner, String dataset,
                              String operation, String messageId, String payloadSha256, String signature,
                              String outcome, String detail, String prevHash, String entryHash) {

    public enum Direction { IN, OUT }

    public static final String GENESIS_HASH = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** SHA-256 over a JSON array of every field but entry_hash, in declaration order, prev_hash last. */
    public String chainHash() {
        List<Object> fields = new ArrayList<>(Arrays.asList(seq, loggedAt.toString(), direction.name(), partner, dataset,
                operation, messageId, payloadSha256, signature, outcome, detail, prevHash));
        try {
            return Digests.sha256Hex(JSON.writeValueAsBytes(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("message log entry cannot be serialised", e);
        }
    }
}
