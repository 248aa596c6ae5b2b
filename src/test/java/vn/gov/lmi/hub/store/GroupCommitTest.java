package vn.gov.lmi.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import vn.gov.lmi.hub.support.TestDatabases;

/** Writes that arrive during a commit share the next one; a failing write fails only its own caller. */
class GroupCommitTest {

    @TempDir
    Path folder;

    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private GroupCommit commits;
    private final AtomicInteger committed = new AtomicInteger();
    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @BeforeEach
    void database() {
        dataSource = TestDatabases.h2(folder, "group");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE written (id INT PRIMARY KEY, caller VARCHAR(32) NOT NULL)");
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource) {
            @Override
            protected void doCommit(DefaultTransactionStatus status) {
                committed.incrementAndGet();
                super.doCommit(status);
            }
        });
        commits = new GroupCommit(transactions);
    }

    @AfterEach
    void close() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
        dataSource.close();
    }

    @Test
    void writesQueuedDuringACommitShareTheNextOneAndEachCallerGetsItsOwnResult() throws Exception {
        HeldWrite first = holdFirstWrite();
        List<CompletableFuture<Integer>> later = new ArrayList<>();
        for (int id = 1; id <= 5; id++) {
            int row = id;
            later.add(call(() -> insert(row, "caller-" + row)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> commits.queued() == 5);
        first.release().countDown();

        assertThat(first.result().get(10, TimeUnit.SECONDS)).isZero();
        for (int id = 1; id <= 5; id++) {
            assertThat(later.get(id - 1).get(10, TimeUnit.SECONDS)).isEqualTo(id);
        }
        assertThat(committed.get()).as("one commit for the first write, one for the five queued behind it").isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT caller FROM written ORDER BY id", String.class))
                .containsExactly("first", "caller-1", "caller-2", "caller-3", "caller-4", "caller-5");
    }

    @Test
    void aFailingWriteFailsOnlyItsCallerAndTheOthersInItsGroupAreCommitted() throws Exception {
        jdbc.update("INSERT INTO written (id, caller) VALUES (7, 'already there')");
        HeldWrite first = holdFirstWrite();
        CompletableFuture<Integer> before = call(() -> insert(1, "before"));
        await().atMost(Duration.ofSeconds(10)).until(() -> commits.queued() == 1);
        CompletableFuture<Integer> clashing = call(() -> insert(7, "clashing"));
        await().atMost(Duration.ofSeconds(10)).until(() -> commits.queued() == 2);
        CompletableFuture<Integer> after = call(() -> insert(2, "after"));
        await().atMost(Duration.ofSeconds(10)).until(() -> commits.queued() == 3);
        first.release().countDown();

        assertThat(first.result().get(10, TimeUnit.SECONDS)).isZero();
        assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThatThrownBy(() -> clashing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(DuplicateKeyException.class);
        assertThat(jdbc.queryForList("SELECT caller FROM written ORDER BY id", String.class))
                .containsExactly("first", "before", "after", "already there");
    }

    @Test
    void aCallerInsideATransactionHasItsWriteJoinedToIt() {
        transactions.executeWithoutResult((TransactionStatus status) -> {
            assertThat(commits.commit(() -> insert(3, "inside"))).isEqualTo(3);
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM written", Integer.class)).isZero();
        assertThat(commits.queued()).isZero();
    }

    /** The first write, holding its group's transaction open until released: writes after it queue up. */
    private record HeldWrite(CompletableFuture<Integer> result, CountDownLatch release) {
    }

    private HeldWrite holdFirstWrite() throws InterruptedException {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> result = call(() -> {
            writing.countDown();
            released(release);
            return insert(0, "first");
        });
        if (!writing.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the first write never started");
        }
        return new HeldWrite(result, release);
    }

    private int insert(int id, String caller) {
        jdbc.update("INSERT INTO written (id, caller) VALUES (?, ?)", id, caller);
        return id;
    }

    private CompletableFuture<Integer> call(java.util.function.Supplier<Integer> write) {
        return CompletableFuture.supplyAsync(() -> commits.commit(write), callers);
    }

    private static void released(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the first write");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
