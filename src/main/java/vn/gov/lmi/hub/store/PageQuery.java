package vn.gov.lmi.hub.store;

import java.time.OffsetDateTime;

/**
 * A page of a dataset's change feed: versions with {@code seq > afterSeq}, in change order.
 *
 * @param province     exact province code, or null
 * @param periodPrefix prefix of the record's period (e.g. {@code 2025} or {@code 2025-06}), or null
 * @param updatedSince only versions recorded at or after this instant, or null
 */
public record PageQuery(String datasetId, long afterSeq, int limit, String province, String periodPrefix,
                        OffsetDateTime updatedSince) {
}
