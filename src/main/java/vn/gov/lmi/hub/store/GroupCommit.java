package vn.gov.lmi.hub.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for small, independent writes that must each be durable before their caller goes on (a
 * delivery's archive row before it is sent, its outcome and message-log entry before its queue message is
 * acknowledged). Callers that arrive while a commit is under way queue up, and the next of them commits all
 * queued writes in one transaction: every caller still returns only once its own write is committed, but the
 * database commits, and the message log's head row is locked, once per group rather than once per write.
 * <p>
 * A write that fails must not fail the others: when a group's transaction fails, each of its writes runs
 * again in a transaction of its own, and only the failing caller gets the exception. A caller already inside
 * a transaction has its write joined to that transaction instead.
 */
@Component
public class GroupCommit {

    /** The most writes committed together; more are left to the next group. */
    static final int MAX_GROUP = 64;

    private final TransactionTemplate transactions;
    private final ReentrantLock committing = new ReentrantLock();
    private final ConcurrentLinkedQueue<Write<?>> queued = new ConcurrentLinkedQueue<>();

    public GroupCommit(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /** Runs {@code write} in a transaction, possibly shared with other callers' writes; returns once committed. */
    public <T> T commit(Supplier<T> write) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return write.get();
        }
        Write<T> mine = new Write<>(write);
        queued.add(mine);
        committing.lock();
        try {
            while (!mine.done) {
                commitQueued();
            }
        } finally {
            committing.unlock();
        }
        return mine.outcome();
    }

    /** Writes waiting for a commit (for tests). */
    int queued() {
        return queued.size();
    }

    private void commitQueued() {
        List<Write<?>> group = new ArrayList<>();
        for (Write<?> next; group.size() < MAX_GROUP && (next = queued.poll()) != null; ) {
            group.add(next);
        }
        try {
            transactions.executeWithoutResult(status -> group.forEach(Write::run));
            group.forEach(Write::finish);
        } catch (RuntimeException groupFailed) {
            for (Write<?> write : group) {
                write.runAlone(transactions);
            }
        } catch (Error fatal) {
            group.forEach(write -> write.fail(new IllegalStateException("the group's transaction failed", fatal)));
            throw fatal;
        }
    }

    /** One caller's write and, once its transaction committed or failed, what it returned or threw. */
    private static final class Write<T> {
        private final Supplier<T> work;
        private T result;
        private RuntimeException failure;
        private boolean done;

        Write(Supplier<T> work) {
            this.work = work;
        }

        void run() {
            result = work.get();
        }

        void finish() {
            done = true;
        }

        void runAlone(TransactionTemplate transactions) {
            try {
                result = transactions.execute(status -> work.get());
            } catch (RuntimeException e) {
                failure = e;
            }
            done = true;
        }

        void fail(RuntimeException e) {
            failure = e;
            done = true;
        }

        T outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
