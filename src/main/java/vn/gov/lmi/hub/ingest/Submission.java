package vn.gov.lmi.hub.ingest;

/**
 * One inbound message as a transport received it, after the transport authenticated the sender and verified
 * its signature.
 *
 * @param messageId      the hub's id for this exchange (receipt, message log, events)
 * @param submitter      the authenticated partner id
 * @param idempotencyKey the sender's key for this message; the same key must always carry the same body
 * @param body           the bytes as received: a JSON object (one record) or array (a batch)
 * @param signature      the sender's signature over the body as received (kept in the message log)
 */
public record Submission(String messageId, String datasetId, String submitter, String idempotencyKey, byte[] body,
                         String signature) {
}
