package vn.gov.lmi.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.gov.lmi.hub.store.GroupCommit;

/**
 * The message log's chain on each supported database: appends chain, concurrent appends still form one
 * chain, and editing, deleting, swapping or cutting entries is found at the first entry affected.
 */
abstract class MessageLogContract {

    protected MessageLog log;
    protected MessageLogVerifier verifier;
    protected JdbcTemplate jdbc;
    protected TransactionTemplate transactions;

    protected abstract DataSource dataSource();

    @BeforeEach
    void migrate() {
        DataSource dataSource = dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        log = new MessageLog(jdbc, transactions);
        verifier = new MessageLogVerifier(log);
    }

    static LoggedExchange exchange(int n) {
        return new LoggedExchange(n % 2 == 0 ? MessageLogEntry.Direction.IN : MessageLogEntry.Direction.OUT,
                "partner-" + (n % 3), "job-vacancy", n % 2 == 0 ? "submit" : "pull", "message-" + n,
                "%064x".formatted(n), "header..signature-" + n, n % 5 == 0 ? "signature-invalid" : "accepted", null);
    }

    protected void append(int count) {
        for (int n = 1; n <= count; n++) {
            log.append(exchange(n));
        }
    }

    @Test
    void entriesChainFromTheGenesisHashAndTheHeadRowFollows() {
        append(5);
        List<MessageLogEntry> entries = log.after(0, 100);
        assertThat(entries).extracting(MessageLogEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(entries.get(0).prevHash()).isEqualTo(MessageLogEntry.GENESIS_HASH);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).prevHash()).isEqualTo(entries.get(i - 1).entryHash());
            assertThat(entries.get(i).entryHash()).isEqualTo(entries.get(i).chainHash());
        }
        assertThat(log.head()).isEqualTo(new MessageLog.Head(5, entries.get(4).entryHash()));
        assertThat(verifier.verify().describe()).isEqualTo("message log intact: 5 entries, chain head verified");
    }

    @Test
    void concurrentAppendsFormOneUnbrokenChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<MessageLogEntry>> appended = new ArrayList<>();
            for (int n = 1; n <= 200; n++) {
                int i = n;
                appended.add(pool.submit(() -> log.append(exchange(i))));
            }
            for (Future<MessageLogEntry> future : appended) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        MessageLogVerifier.Result result = verifier.verify();
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.entries()).isEqualTo(200);
    }

    @Test
    void appendsCommittedInGroupsFormOneUnbrokenChainAndEachCallerGetsItsOwnEntry() throws Exception {
        GroupCommit commits = new GroupCommit(transactions);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<MessageLogEntry>> appended = new ArrayList<>();
            for (int n = 1; n <= 200; n++) {
                int i = n;
                appended.add(pool.submit(() -> commits.commit(() -> log.append(exchange(i)))));
            }
            for (int n = 1; n <= 200; n++) {
                MessageLogEntry entry = appended.get(n - 1).get();
                assertThat(entry.messageId()).isEqualTo("message-" + n);
                assertThat(log.at(entry.seq()).orElseThrow()).isEqualTo(entry);
            }
        } finally {
            pool.shutdown();
        }
        MessageLogVerifier.Result result = verifier.verify();
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.entries()).isEqualTo(200);
    }

    @Test
    void anEditedEntryIsNamed() {
        append(6);
        jdbc.update("UPDATE message_log SET outcome = 'accepted' WHERE seq = 5");
        assertThat(verifier.verify().describe())
                .isEqualTo("message log BROKEN at entry 5: content does not match its entry_hash: edited");
    }

    @Test
    void aDeletedEntryIsNamed() {
        append(6);
        jdbc.update("DELETE FROM message_log WHERE seq = 3");
        assertThat(verifier.verify().describe())
                .isEqualTo("message log BROKEN at entry 3: entry 3 is missing (next present is 4): deleted");
    }

    @Test
    void swappedEntriesAreNamed() {
        append(6);
        jdbc.update("UPDATE message_log SET seq = -1 WHERE seq = 2");
        jdbc.update("UPDATE message_log SET seq = 2 WHERE seq = 4");
        jdbc.update("UPDATE message_log SET seq = 4 WHERE seq = -1");
        assertThat(verifier.verify().describe()).isEqualTo("message log BROKEN at entry 2: prev_hash does not match the "
                + "hash of entry 1: entries were reordered, replaced or removed before it");
    }

    @Test
    void aDeletedTailIsFoundThroughTheHeadRow() {
        append(6);
        jdbc.update("DELETE FROM message_log WHERE seq >= 5");
        assertThat(verifier.verify().describe()).isEqualTo("message log BROKEN at entry 5: the head row records 6 "
                + "entries but the log ends at 4: the last entries were deleted");
    }

    @Test
    void textTheDatabaseCannotKeepAsIsIsCleanedBeforeHashing() {
        String hostile = "subject CN=a\u0000b \ud800 end " + "é".repeat(600) + "\ud83d\ude00";
        log.append(new LoggedExchange(MessageLogEntry.Direction.IN, "unauthenticated", null, "authenticate", "m-1", null,
                "x\u0000y", "certificate-untrusted", hostile));
        MessageLogEntry stored = log.at(1).orElseThrow();
        assertThat(stored.detail()).startsWith("subject CN=a?b ? end é").hasSizeLessThanOrEqualTo(1000);
        assertThat(stored.signature()).isEqualTo("x?y");
        assertThat(verifier.verify().intact()).as(verifier.verify().describe()).isTrue();
    }

    @Test
    void aTimeStampOverAnotherHashMarksTheChainRebuilt() {
        append(3);
        jdbc.update("INSERT INTO message_log_timestamp (seq, head_hash, stamped_at, tsa_url, token_base64) VALUES (2, ?, CURRENT_TIMESTAMP, 'http://tsa', 'AA==')",
                "f".repeat(64));
        assertThat(verifier.verify().describe()).isEqualTo("message log BROKEN at entry 2: the time-stamp of entry 2 "
                + "covers another hash: the chain was rebuilt after it was stamped");
    }

    @Test
    void anEntryRewrittenWithAFreshHashBreaksTheNextLink() {
        append(6);
        MessageLogEntry third = log.after(2, 1).get(0);
        MessageLogEntry forged = new MessageLogEntry(3, third.loggedAt(), third.direction(), third.partner(), third.dataset(),
                third.operation(), third.messageId(), third.payloadSha256(), third.signature(), "refused-then-rewritten",
                third.detail(), third.prevHash(), null);
        jdbc.update("UPDATE message_log SET outcome = ?, entry_hash = ? WHERE seq = 3", "refused-then-rewritten", forged.chainHash());
        assertThat(verifier.verify().firstBrokenSeq()).isEqualTo(4L);
    }
}
