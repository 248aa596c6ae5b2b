package vn.gov.lmi.hub.ingest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

import vn.gov.lmi.hub.audit.AcceptanceGate;
import vn.gov.lmi.hub.audit.LoggedExchange;
import vn.gov.lmi.hub.audit.MessageLog;
import vn.gov.lmi.hub.audit.MessageLogEntry;
import vn.gov.lmi.hub.catalog.Dataset;
import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.catalog.RecordValidator;
import vn.gov.lmi.hub.catalog.Violation;
import vn.gov.lmi.hub.events.OutboxRelay;
import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;
import vn.gov.lmi.hub.store.AppendRequest;
import vn.gov.lmi.hub.store.AppendResult;
import vn.gov.lmi.hub.store.NewRecord;
import vn.gov.lmi.hub.store.RecordOutcome;
import vn.gov.lmi.hub.store.RecordStore;
import vn.gov.lmi.hub.system.HubProperties;
import vn.gov.lmi.hub.trust.Digests;

/**
 * The shared inbound pipeline. A batch is all-or-nothing: every record is validated before anything is
 * stored, and the store keeps all of them or none. Logs carry the message id and counts, never record content.
 */
@Service
public class IngestService {

    public static final String MDC_MESSAGE_ID = "messageId";
    /** The operation name of submissions in the message log. */
    public static final String OPERATION = "submit";
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final DatasetCatalog catalog;
    private final RecordValidator validator;
    private final RecordStore store;
    private final OutboxRelay relay;
    private final IngestMetrics metrics;
    private final ObjectMapper json;
    private final int maxBatchRecords;
    private final MessageLog messageLog;
    private final AcceptanceGate gate;

    public IngestService(DatasetCatalog catalog, RecordValidator validator, RecordStore store, OutboxRelay relay,
                         IngestMetrics metrics, ObjectMapper json, HubProperties properties, MessageLog messageLog,
                         AcceptanceGate gate) {
        this.messageLog = messageLog;
        this.gate = gate;
        this.catalog = catalog;
        this.validator = validator;
        this.store = store;
        this.relay = relay;
        this.metrics = metrics;
        this.json = json;
        this.maxBatchRecords = properties.api().maxBatchRecords();
    }

    public IngestResult submit(Submission submission) {
        Dataset dataset = catalog.find(submission.datasetId()).orElseThrow(() -> new ProblemException(
                ProblemType.DATASET_NOT_FOUND, "dataset '" + submission.datasetId() + "' is not in the catalog; "
                + "GET /api/v1/datasets lists the datasets"));
        String messageId = submission.messageId();
        MDC.put(MDC_MESSAGE_ID, messageId);
        Instant started = Instant.now();
        List<JsonNode> records = null;
        try {
            String idempotencyKey = checkedIdempotencyKey(submission.idempotencyKey());
            gate.requireAccepting();
            records = parse(submission.body());
            return validateAndStore(dataset, submission, messageId, idempotencyKey, records, started);
        } catch (ProblemException refused) {
            metrics.rejected(dataset.id(), refused.type().slug(), records == null ? 1 : records.size(),
                    Duration.between(started, Instant.now()));
            log.info("refused submission to {}: {} ({} violations)", dataset.id(), refused.type().slug(),
                    refused.errors().size());
            throw refused;
        } finally {
            MDC.remove(MDC_MESSAGE_ID);
        }
    }

    private IngestResult validateAndStore(Dataset dataset, Submission submission, String messageId,
                                          String idempotencyKey, List<JsonNode> records, Instant started) {
        List<Violation> violations = new ArrayList<>();
        List<Violation> warnings = new ArrayList<>();
        List<NewRecord> newRecords = new ArrayList<>();
        Map<String, Integer> firstIndexOfKey = new HashMap<>();
        for (int index = 0; index < records.size(); index++) {
            JsonNode record = records.get(index);
            RecordValidator.Outcome outcome = validator.validate(dataset, record, index);
            violations.addAll(outcome.violations());
            warnings.addAll(outcome.warnings());
            if (!outcome.valid()) {
                continue;
            }
            String key = recordKey(dataset, record);
            Integer earlier = firstIndexOfKey.putIfAbsent(key, index);
            if (earlier != null) {
                violations.add(new Violation(index, dataset.descriptor().key().get(0), "duplicate-key-in-batch",
                        "record key repeats the key of record " + earlier + " in this batch; send one version per key"));
                continue;
            }
            String payload = canonical(record);
            newRecords.add(new NewRecord(key, text(record, dataset.descriptor().province()),
                    text(record, dataset.descriptor().period()), payload, Digests.sha256Hex(payload)));
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, violations.size() + " violation(s) in "
                    + records.size() + " record(s); nothing was stored", violations);
        }

        String requestSha256 = Digests.sha256Hex(submission.body());
        Instant receivedAt = Instant.now();
        AppendResult result = store.append(new AppendRequest(dataset.id(), dataset.descriptor().version(),
                        submission.submitter(), idempotencyKey, requestSha256, messageId, newRecords),
                outcomes -> {
                    // runs inside the store's transaction: the message log entry commits with the records
                    messageLog.append(new LoggedExchange(MessageLogEntry.Direction.IN, submission.submitter(), dataset.id(),
                            OPERATION, messageId, requestSha256, submission.signature(), "accepted",
                            outcomes.size() + " record(s)"));
                    return receipt(messageId, dataset.id(), outcomes, requestSha256, receivedAt, warnings);
                });
        Duration took = Duration.between(started, Instant.now());
        if (result instanceof AppendResult.Stored stored) {
            long newVersions = stored.outcomes().stream().filter(o -> !o.status().equals("unchanged")).count();
            if (newVersions > 0) {
                relay.wakeUp();
            }
            metrics.accepted(dataset.id(), stored.outcomes().size(), took);
            log.info("accepted {} record(s) for {} ({} new versions)", stored.outcomes().size(), dataset.id(), newVersions);
            return new IngestResult(stored.receiptJson(), false);
        }
        if (result instanceof AppendResult.Replayed replayed) {
            log.info("repeated idempotency key for {}: first receipt returned, nothing stored", dataset.id());
            return new IngestResult(replayed.receiptJson(), true);
        }
        String firstDataset = ((AppendResult.KeyReused) result).firstDatasetId();
        throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                "this Idempotency-Key was first used for a different request"
                        + (firstDataset.equals(dataset.id()) ? "" : " to dataset '" + firstDataset + "'")
                        + "; use a new key for a new request");
    }

    /** Checks the form of an Idempotency-Key; transports call it before verifying a signature bound to the key. */
    public static String checkedIdempotencyKey(String key) {
        if (key == null || key.isBlank()) {
            throw new ProblemException(ProblemType.MISSING_IDEMPOTENCY_KEY,
                    "send an Idempotency-Key header (e.g. a UUID) so that a retried request is never stored twice");
        }
        if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters without spaces");
        }
        return key;
    }

    private List<JsonNode> parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonParseException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "not valid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "not valid JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "request body is empty; send a record object or an array of records");
        }
        if (root.isObject()) {
            return List.of(root);
        }
        if (!root.isArray()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "body must be a record object or an array of records",
                    List.of(new Violation(0, "", "type", "expected an object or an array, found " + root.getNodeType().name().toLowerCase())));
        }
        ArrayNode batch = (ArrayNode) root;
        if (batch.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "batch is empty",
                    List.of(new Violation(0, "", "minItems", "a batch must hold at least one record")));
        }
        if (batch.size() > maxBatchRecords) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "batch holds " + batch.size()
                    + " records; at most " + maxBatchRecords + " are accepted per request");
        }
        List<JsonNode> records = new ArrayList<>(batch.size());
        batch.forEach(records::add);
        return records;
    }

    private static String recordKey(Dataset dataset, JsonNode record) {
        List<String> parts = new ArrayList<>();
        for (String pointer : dataset.descriptor().key()) {
            parts.add(record.at(pointer).asText());
        }
        return String.join(":", parts);
    }

    private static String text(JsonNode record, String pointer) {
        if (pointer == null) {
            return null;
        }
        JsonNode value = record.at(pointer);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private String canonical(JsonNode record) {
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed record could not be written back as JSON", e);
        }
    }

    private String receipt(String messageId, String datasetId, List<RecordOutcome> outcomes, String sha256,
                           Instant receivedAt, List<Violation> warnings) {
        ObjectNode receipt = json.createObjectNode()
                .put("messageId", messageId)
                .put("dataset", datasetId)
                .put("accepted", outcomes.size());
        ArrayNode records = receipt.putArray("records");
        outcomes.forEach(o -> records.addObject().put("key", o.key()).put("version", o.version()).put("status", o.status()));
        receipt.put("sha256", sha256).put("receivedAt", receivedAt.toString());
        if (!warnings.isEmpty()) {
            receipt.set("warnings", json.valueToTree(warnings));
        }
        try {
            return json.writeValueAsString(receipt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("receipt could not be written as JSON", e);
        }
    }
}
