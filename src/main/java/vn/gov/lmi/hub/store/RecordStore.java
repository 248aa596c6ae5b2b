package vn.gov.lmi.hub.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends record versions and serves them back. Each append takes its dataset's sequence row lock for the
 * whole transaction: versions of one dataset are numbered and committed one writer at a time, so change
 * sequences become visible in order and a cursor pull never skips a version that commits later.
 */
@Repository
public class RecordStore {

    private static final int IN_LIST_CHUNK = 500;

    private static final RowMapper<StoredRecord> STORED = RecordStore::mapStored;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public RecordStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Creates the dataset's sequence row if it is not there yet (idempotent, safe on many nodes). */
    public void registerDataset(String datasetId) {
        try {
            jdbc.update("INSERT INTO dataset_sequence (dataset_id, last_seq) SELECT ?, 0 WHERE NOT EXISTS "
                    + "(SELECT 1 FROM dataset_sequence WHERE dataset_id = ?)", datasetId, datasetId);
        } catch (DuplicateKeyException alreadyThere) {
            // another node registered it between our check and insert
        }
    }

    /**
     * Stores all records of the request in one transaction, or nothing.
     *
     * @param receiptWriter renders the receipt from the outcomes; it is stored with the idempotency key
     */
    public AppendResult append(AppendRequest request, Function<List<RecordOutcome>, String> receiptWriter) {
        try {
            return transactions.execute(status -> appendInTransaction(request, receiptWriter));
        } catch (DuplicateKeyException sameKeyRace) {
            // the same idempotency key committed concurrently (e.g. for another dataset): answer as a repeat
            return previousAnswer(request).orElseThrow(() -> sameKeyRace);
        }
    }

    private AppendResult appendInTransaction(AppendRequest request, Function<List<RecordOutcome>, String> receiptWriter) {
        Long lastSeq = jdbc.queryForObject(
                "SELECT last_seq FROM dataset_sequence WHERE dataset_id = ? FOR UPDATE", Long.class, request.datasetId());
        if (lastSeq == null) {
            throw new IllegalStateException("dataset " + request.datasetId() + " is not registered in the store");
        }
        Optional<AppendResult> previous = previousAnswer(request);
        if (previous.isPresent()) {
            return previous.get();
        }
        Map<String, Head> heads = heads(request.datasetId(), request.records().stream().map(NewRecord::key).toList());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<RecordOutcome> outcomes = new ArrayList<>();
        List<Object[]> versions = new ArrayList<>();
        List<Object[]> newHeads = new ArrayList<>();
        List<Object[]> movedHeads = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        long seq = lastSeq;
        for (NewRecord record : request.records()) {
            Head head = heads.get(record.key());
            if (head != null && head.sha256().equals(record.payloadSha256())) {
                outcomes.add(new RecordOutcome(record.key(), head.version(), "unchanged"));
                continue;
            }
            seq++;
            int version = head == null ? 1 : head.version() + 1;
            versions.add(new Object[] {request.datasetId(), seq, record.key(), version, request.schemaVersion(),
                    record.provinceCode(), record.period(), record.payloadJson(), record.payloadSha256(),
                    request.messageId(), request.submitter(), now});
            if (head == null) {
                newHeads.add(new Object[] {request.datasetId(), record.key(), version, seq, record.payloadSha256()});
            } else {
                movedHeads.add(new Object[] {version, seq, record.payloadSha256(), request.datasetId(), record.key()});
            }
            events.add(new Object[] {request.datasetId(), seq, now});
            heads.put(record.key(), new Head(version, record.payloadSha256()));
            outcomes.add(new RecordOutcome(record.key(), version, head == null ? "created" : "updated"));
        }
        if (!versions.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO record_version (dataset_id, seq, record_key, version, schema_version, "
                    + "province_code, period, payload, payload_sha256, message_id, submitter, recorded_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", versions);
            if (!newHeads.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO record_head (dataset_id, record_key, version, seq, payload_sha256) "
                        + "VALUES (?, ?, ?, ?, ?)", newHeads);
            }
            if (!movedHeads.isEmpty()) {
                jdbc.batchUpdate("UPDATE record_head SET version = ?, seq = ?, payload_sha256 = ? "
                        + "WHERE dataset_id = ? AND record_key = ?", movedHeads);
            }
            jdbc.batchUpdate("INSERT INTO event_outbox (dataset_id, seq, created_at) VALUES (?, ?, ?)", events);
            jdbc.update("UPDATE dataset_sequence SET last_seq = ? WHERE dataset_id = ?", seq, request.datasetId());
        }
        String receipt = receiptWriter.apply(List.copyOf(outcomes));
        jdbc.update("INSERT INTO ingest_receipt (submitter, idempotency_key, dataset_id, request_sha256, receipt, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", request.submitter(), request.idempotencyKey(), request.datasetId(),
                request.requestSha256(), receipt, now);
        return new AppendResult.Stored(List.copyOf(outcomes), receipt);
    }

    private Optional<AppendResult> previousAnswer(AppendRequest request) {
        return jdbc.query("SELECT dataset_id, request_sha256, receipt FROM ingest_receipt "
                        + "WHERE submitter = ? AND idempotency_key = ?",
                (rs, n) -> rs.getString("request_sha256").equals(request.requestSha256())
                        && rs.getString("dataset_id").equals(request.datasetId())
                        ? (AppendResult) new AppendResult.Replayed(rs.getString("receipt"))
                        : new AppendResult.KeyReused(rs.getString("dataset_id")),
                request.submitter(), request.idempotencyKey()).stream().findFirst();
    }

    private record Head(int version, String sha256) {
    }

    private Map<String, Head> heads(String datasetId, List<String> keys) {
        Map<String, Head> heads = new HashMap<>();
        List<String> distinct = keys.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += IN_LIST_CHUNK) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IN_LIST_CHUNK));
            List<Object> args = new ArrayList<>(2 * chunk.size());
            chunk.forEach(key -> {
                args.add(datasetId);
                args.add(key);
            });
            // row values, not "dataset_id = ? AND record_key IN (...)": H2 looks each pair up in the primary key,
            // where the column list made it scan every head of the dataset (PostgreSQL uses the key either way)
            jdbc.query("SELECT record_key, version, payload_sha256 FROM record_head WHERE (dataset_id, record_key) IN ("
                            + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?)")) + ")",
                    rs -> {
                        heads.put(rs.getString("record_key"), new Head(rs.getInt("version"), rs.getString("payload_sha256")));
                    }, args.toArray());
        }
        return heads;
    }

    private static final String STORED_COLUMNS = "dataset_id, seq, record_key, version, schema_version, recorded_at, "
            + "payload, payload_sha256, message_id";

    public List<StoredRecord> page(PageQuery query) {
        Statement page = pageStatement(query);
        return jdbc.query(page.sql(), STORED, page.args());
    }

    /** A statement and its arguments. */
    record Statement(String sql, Object[] args) {
    }

    /**
     * The page's query. It orders by the whole primary key, (dataset_id, seq), although dataset_id is fixed: H2
     * only then reads the index in order and stops at the limit; ordered by seq alone it read and sorted every
     * version of the dataset for each page (18 s a page at 400,000 versions).
     */
    static Statement pageStatement(PageQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + STORED_COLUMNS + " FROM record_version WHERE dataset_id = ? AND seq > ?");
        List<Object> args = new ArrayList<>(List.of(query.datasetId(), query.afterSeq()));
        if (query.province() != null) {
            sql.append(" AND province_code = ?");
            args.add(query.province());
        }
        if (query.periodPrefix() != null) {
            sql.append(" AND period LIKE ? ESCAPE '\\'");
            args.add(query.periodPrefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (query.updatedSince() != null) {
            sql.append(" AND recorded_at >= ?");
            args.add(query.updatedSince());
        }
        sql.append(" ORDER BY dataset_id, seq LIMIT ?");
        args.add(query.limit());
        return new Statement(sql.toString(), args.toArray());
    }

    public Optional<StoredRecord> latest(String datasetId, String key) {
        return jdbc.query("SELECT " + STORED_COLUMNS + " FROM record_version WHERE dataset_id = ? AND seq = "
                        + "(SELECT seq FROM record_head WHERE dataset_id = ? AND record_key = ?)",
                STORED, datasetId, datasetId, key).stream().findFirst();
    }

    /** The version at position {@code seq} of a dataset's change sequence. */
    public Optional<StoredRecord> bySeq(String datasetId, long seq) {
        return jdbc.query("SELECT " + STORED_COLUMNS + " FROM record_version WHERE dataset_id = ? AND seq = ?",
                STORED, datasetId, seq).stream().findFirst();
    }

    public List<StoredRecord> versions(String datasetId, String key) {
        return jdbc.query("SELECT " + STORED_COLUMNS + " FROM record_version WHERE dataset_id = ? AND record_key = ? "
                + "ORDER BY dataset_id, record_key, version", STORED, datasetId, key);
    }

    private static StoredRecord mapStored(ResultSet rs, int row) throws SQLException {
        return new StoredRecord(rs.getString("dataset_id"), rs.getLong("seq"), rs.getString("record_key"),
                rs.getInt("version"), rs.getString("schema_version"), rs.getObject("recorded_at", OffsetDateTime.class),
                rs.getString("payload"), rs.getString("payload_sha256"), rs.getString("message_id"));
    }
}
