package vn.gov.lmi.hub.audit;

/**
 * What a caller asks the message log to record; the log adds sequence, time and the chain hashes.
 *
 * @param partner the authenticated partner id, or {@code unauthenticated}
 * @param dataset null when the exchange concerns no single dataset
 */
public record LoggedExchange(MessageLogEntry.Direction direction, String partner, String dataset, String operation,
                       String messageId, String payloadSha256, String signature, String outcome, String detail) {

    public static final String UNAUTHENTICATED = "unauthenticated";
}
