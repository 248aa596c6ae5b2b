package vn.gov.lmi.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.gov.lmi.hub.trust.Digests;

/**
 * What the store promises, run against each database the hub supports (H2 and PostgreSQL), on the
 * project's own Flyway migrations.
 */
abstract class RecordStoreContract {

    private RecordStore store;
    private JdbcTemplate jdbc;
    private String dataset;

    /** A fresh, empty database of the kind under test. */
    protected abstract DataSource dataSource();

    @BeforeEach
    void migrate() {
        DataSource dataSource = dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").cleanDisabled(false).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        store = new RecordStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        dataset = "ds-" + UUID.randomUUID().toString().substring(0, 8);
        store.registerDataset(dataset);
    }

    private static NewRecord record(String key, String payload) {
        return new NewRecord(key, "01", "2025-06", payload, Digests.sha256Hex(payload));
    }

    private AppendResult append(String idempotencyKey, String requestHash, NewRecord... records) {
        return store.append(new AppendRequest(dataset, "1.0", "tester", idempotencyKey, requestHash,
                UUID.randomUUID().toString(), List.of(records)), outcomes -> "receipt:" + outcomes);
    }

    private AppendResult append(NewRecord... records) {
        String key = UUID.randomUUID().toString();
        return append(key, Digests.sha256Hex(key), records);
    }

    @Test
    void everyChangeIsANewVersionAndHistoryIsKept() {
        append(record("a", "{\"v\":1}"));
        AppendResult second = append(record("a", "{\"v\":2}"));
        AppendResult same = append(record("a", "{\"v\":2}"));

        assertThat(((AppendResult.Stored) second).outcomes()).containsExactly(new RecordOutcome("a", 2, "updated"));
        assertThat(((AppendResult.Stored) same).outcomes()).containsExactly(new RecordOutcome("a", 2, "unchanged"));
        assertThat(store.versions(dataset, "a")).extracting(StoredRecord::version, StoredRecord::payloadJson)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "{\"v\":1}"), org.assertj.core.groups.Tuple.tuple(2, "{\"v\":2}"));
        assertThat(store.latest(dataset, "a")).get().extracting(StoredRecord::version).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_outbox WHERE dataset_id = ?", Integer.class, dataset))
                .as("one event per new version, none for the unchanged one").isEqualTo(2);
    }

    @Test
    void sameIdempotencyKeyReturnsTheFirstReceiptAndStoresNothing() {
        AppendResult first = append("key-1", Digests.sha256Hex("request 1"), record("b", "{\"v\":1}"));
        AppendResult repeat = append("key-1", Digests.sha256Hex("request 1"), record("b", "{\"v\":99}"));
        AppendResult conflict = append("key-1", Digests.sha256Hex("request 2"), record("c", "{\"v\":1}"));

        assertThat(repeat).isEqualTo(new AppendResult.Replayed(((AppendResult.Stored) first).receiptJson()));
        assertThat(conflict).isEqualTo(new AppendResult.KeyReused(dataset));
        assertThat(store.versions(dataset, "b")).hasSize(1);
        assertThat(store.latest(dataset, "c")).isEmpty();
    }

    @Test
    void aBatchIsStoredWhollyOrNotAtAll() {
        String tooLongKey = "k".repeat(300);
        assertThatThrownBy(() -> append(record("d", "{\"v\":1}"), record(tooLongKey, "{\"v\":2}")))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        assertThat(store.latest(dataset, "d")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT last_seq FROM dataset_sequence WHERE dataset_id = ?", Long.class, dataset)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM event_outbox WHERE dataset_id = ?", Integer.class, dataset)).isZero();
    }

    @Test
    void filtersSelectByProvincePeriodAndTime() {
        store.append(new AppendRequest(dataset, "1.0", "tester", "f1", Digests.sha256Hex("f1"), "m1", List.of(
                new NewRecord("p1", "01", "2025-06-15", "{\"p\":1}", Digests.sha256Hex("{\"p\":1}")),
                new NewRecord("p2", "79", "2025-06-15", "{\"p\":2}", Digests.sha256Hex("{\"p\":2}")),
                new NewRecord("p3", "01", "2024-12-01", "{\"p\":3}", Digests.sha256Hex("{\"p\":3}")))), o -> "r");

        assertThat(store.page(new PageQuery(dataset, 0, 10, "01", null, null))).extracting(StoredRecord::key).containsExactly("p1", "p3");
        assertThat(store.page(new PageQuery(dataset, 0, 10, null, "2025", null))).extracting(StoredRecord::key).containsExactly("p1", "p2");
        assertThat(store.page(new PageQuery(dataset, 0, 10, "01", "2025-06", null))).extracting(StoredRecord::key).containsExactly("p1");
        assertThat(store.page(new PageQuery(dataset, 0, 10, null, "2025%", null))).as("LIKE wildcards are literal").isEmpty();
        assertThat(store.page(new PageQuery(dataset, 0, 10, null, null,
                java.time.OffsetDateTime.now().plusDays(1)))).isEmpty();
    }

    /**
     * Writers append concurrently while a reader follows the change feed by cursor. Every version must be
     * seen exactly once, in increasing sequence, although commits interleave with the reads.
     */
    @Test
    void cursorPagesNeitherSkipNorRepeatWhileWritersCommit() throws Exception {
        int writers = 4;
        int batchesPerWriter = 40;
        int recordsPerBatch = 5;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                writes.add(pool.submit(() -> {
                    for (int b = 0; b < batchesPerWriter; b++) {
                        List<NewRecord> batch = new ArrayList<>();
                        for (int r = 0; r < recordsPerBatch; r++) {
                            batch.add(record("w" + writer + "-" + (b * recordsPerBatch + r) % 37, "{\"w\":" + writer + ",\"b\":" + b + ",\"r\":" + r + "}"));
                        }
                        append(batch.toArray(NewRecord[]::new));
                    }
                }));
            }
            Future<List<Long>> reader = pool.submit(() -> {
                List<Long> seen = new ArrayList<>();
                long cursor = 0;
                while (true) {
                    boolean writersDone = !writing.get();
                    List<StoredRecord> page = store.page(new PageQuery(dataset, cursor, 7, null, null, null));
                    for (StoredRecord r : page) {
                        seen.add(r.seq());
                    }
                    if (!page.isEmpty()) {
                        cursor = page.get(page.size() - 1).seq();
                    } else if (writersDone) {
                        return seen;
                    }
                }
            });
            for (Future<?> write : writes) {
                write.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            List<Long> seen = reader.get(2, TimeUnit.MINUTES);

            long total = (long) writers * batchesPerWriter * recordsPerBatch;
            assertThat(seen).hasSize((int) total).doesNotHaveDuplicates().isSorted();
            Set<Long> expected = new HashSet<>();
            for (long s = 1; s <= total; s++) {
                expected.add(s);
            }
            assertThat(new HashSet<>(seen)).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
