package vn.gov.lmi.hub.audit;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/**
 * Walks the whole chain and reports the first entry that does not fit: an edited entry (its hash no longer
 * matches), a deleted one (a gap in the sequence, or a missing tail against the head row), or a reordered one
 * (its prev_hash is not the hash of the entry before it).
 */
@Component
public class MessageLogVerifier {

    private final MessageLog log;

    public MessageLogVerifier(MessageLog log) {
        this.log = log;
    }

    /** The outcome: how many entries were checked and, if the chain is broken, where and why. */
    public record Result(long entries, Long firstBrokenSeq, String problem) {
        public boolean intact() {
            return firstBrokenSeq == null;
        }

        public String describe() {
            return intact() ? "message log intact: " + entries + " entries, chain head verified"
                    : "message log BROKEN at entry " + firstBrokenSeq + ": " + problem;
        }
    }

    /**
     * A time-stamp must cover the hash the entry has now: a chain rebuilt after an edit no longer matches the
     * hashes a TSA signed earlier.
     */
    private String stampProblem(MessageLog.Stamp stamp) {
        String entryHash = log.at(stamp.seq()).map(MessageLogEntry::entryHash).orElse(null);
        if (entryHash == null) {
            return "a time-stamp covers entry " + stamp.seq() + ", which is missing";
        }
        if (!entryHash.equals(stamp.headHash())) {
            return "the time-stamp of entry " + stamp.seq() + " covers another hash: the chain was rebuilt after it was stamped";
        }
        try {
            byte[] imprint = new org.bouncycastle.tsp.TimeStampToken(new org.bouncycastle.cms.CMSSignedData(stamp.token()))
                    .getTimeStampInfo().getMessageImprintDigest();
            if (!java.util.Arrays.equals(imprint, java.util.HexFormat.of().parseHex(entryHash))) {
                return "the time-stamp token of entry " + stamp.seq() + " was issued for another hash";
            }
        } catch (Exception e) {
            return "the time-stamp token of entry " + stamp.seq() + " cannot be read: " + e.getMessage();
        }
        return null;
    }

    public Result verify() {
        AtomicReference<Result> broken = new AtomicReference<>();
        long[] expectedSeq = {1};
        String[] previousHash = {MessageLogEntry.GENESIS_HASH};
        MessageLog.Head head = log.forEachUpToHead(entry -> {
            if (broken.get() != null) {
                return;
            }
            if (entry.seq() != expectedSeq[0]) {
                broken.set(new Result(expectedSeq[0] - 1, expectedSeq[0], "entry " + expectedSeq[0]
                        + " is missing (next present is " + entry.seq() + "): deleted"));
                return;
            }
            if (!entry.prevHash().equals(previousHash[0])) {
                broken.set(new Result(entry.seq() - 1, entry.seq(), "prev_hash does not match the hash of entry "
                        + (entry.seq() - 1) + ": entries were reordered, replaced or removed before it"));
                return;
            }
            if (!entry.chainHash().equals(entry.entryHash())) {
                broken.set(new Result(entry.seq() - 1, entry.seq(), "content does not match its entry_hash: edited"));
                return;
            }
            previousHash[0] = entry.entryHash();
            expectedSeq[0]++;
        });
        if (broken.get() != null) {
            return broken.get();
        }
        long count = expectedSeq[0] - 1;
        if (count != head.seq()) {
            return new Result(count, count + 1, "the head row records " + head.seq() + " entries but the log ends at "
                    + count + ": the last entries were deleted");
        }
        if (!previousHash[0].equals(head.hash())) {
            return new Result(count, count, "the last entry's hash does not match the head row: edited or replaced");
        }
        for (MessageLog.Stamp stamp : log.stamps()) {
            String problem = stampProblem(stamp);
            if (problem != null) {
                return new Result(count, stamp.seq(), problem);
            }
        }
        return new Result(count, null, null);
    }
}
