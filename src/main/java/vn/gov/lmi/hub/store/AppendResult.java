package vn.gov.lmi.hub.store;

import java.util.List;

/** The result of an append: stored now, or answered before under the same idempotency key. */
public sealed interface AppendResult {

    /** Stored in this call; {@code receiptJson} is what was recorded for the idempotency key. */
    record Stored(List<RecordOutcome> outcomes, String receiptJson) implements AppendResult {
    }

    /** The same key and the same request were seen before: the first receipt, nothing new stored. */
    record Replayed(String receiptJson) implements AppendResult {
    }

    /** The same key was used before for a different request: nothing stored. */
    record KeyReused(String firstDatasetId) implements AppendResult {
    }
}
