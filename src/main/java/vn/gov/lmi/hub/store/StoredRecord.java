package vn.gov.lmi.hub.store;

import java.time.OffsetDateTime;

/** One stored version of a record; {@code seq} is its position in the dataset's change sequence. */
public record StoredRecord(
        String datasetId,
        long seq,
        String key,
        int version,
        String schemaVersion,
        OffsetDateTime recordedAt,
        String payloadJson,
        String payloadSha256,
        String messageId) {
}
