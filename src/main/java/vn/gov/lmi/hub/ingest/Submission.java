package vn.gov.lmi.hub.ingest;

/**
 * One inbound message as a transport received it.
 *
 * @param submitter      who sent it (the authenticated partner; {@code anonymous} until partners authenticate)
 * @param idempotencyKey the sender's key for this message; the same key must always carry the same body
 * @param body           the bytes as received: a JSON object (one record) or array (a batch)
 */
public record Submission(String datasetId, String submitter, String idempotencyKey, byte[] body) {
}
