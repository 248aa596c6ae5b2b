package vn.gov.lmi.hub.audit;

/**
 * What a caller asks the message log to record; the log adds sequence, time and the chain hashes.
 *
 * @param partner the authenticated partner id, or {@code unauthenticated}
 * @param dataset null when the exchange concerns no single dataset
 */
public record LoggedExchange(MessageLogEntry.Direction direction, String partner, String dataset, String operation,
                       String messageId, String payloadSha256, String signature, String outcome, String detail) {

    public static final String UNAUTHENTICATED = vn.gov.lmi.hub.partners.Partner.UNAUTHENTICATED;

    /**
     * What the message log keeps of a refusal's detail. Parser messages quote the offending input (which may be a
     * name or an id), so a malformed-JSON detail is cut to its position.
     */
    public static String detailOf(vn.gov.lmi.hub.problem.ProblemException refused) {
        String detail = refused.detail();
        if (refused.type() == vn.gov.lmi.hub.problem.ProblemType.MALFORMED_JSON && detail.indexOf(": ") > 0) {
            return detail.substring(0, detail.indexOf(": "));
        }
        return detail;
    }
}
