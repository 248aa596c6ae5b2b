package vn.gov.lmi.hub.store;

import java.util.List;

/** One submission: all of its records are stored together or not at all. */
public record AppendRequest(
        String datasetId,
        String schemaVersion,
        String submitter,
        String idempotencyKey,
        String requestSha256,
        String messageId,
        List<NewRecord> records) {
}
