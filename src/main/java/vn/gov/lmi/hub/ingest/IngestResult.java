package vn.gov.lmi.hub.ingest;

/**
 * The receipt to give back, and whether it was given before for the same idempotency key.
 *
 * @param receiptJson the receipt document: {@code {messageId, dataset, accepted, records, sha256, receivedAt, warnings}}
 */
public record IngestResult(String receiptJson, boolean replayed) {
}
