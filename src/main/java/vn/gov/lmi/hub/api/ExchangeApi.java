package vn.gov.lmi.hub.api;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

import vn.gov.lmi.hub.catalog.Dataset;
import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.ingest.IngestResult;
import vn.gov.lmi.hub.ingest.IngestService;
import vn.gov.lmi.hub.ingest.Submission;
import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;
import vn.gov.lmi.hub.store.PageQuery;
import vn.gov.lmi.hub.store.RecordStore;
import vn.gov.lmi.hub.store.StoredRecord;
import vn.gov.lmi.hub.partners.FieldRestrictions;
import vn.gov.lmi.hub.partners.Grant;
import vn.gov.lmi.hub.partners.Operation;
import vn.gov.lmi.hub.partners.Partner;
import vn.gov.lmi.hub.partners.SubmissionSignatures;
import vn.gov.lmi.hub.system.HubProperties;
import vn.gov.lmi.hub.trust.Digests;
import vn.gov.lmi.hub.trust.HubSigner;

/** What each REST operation does; {@link ExchangeApiRoutes} declares the operations and wires them here. */
@Component
public class ExchangeApi {

    static final String SCHEMA_JSON = "application/schema+json";
    static final String SIGNATURE_RECEIVED = "lmi.signatureReceived";
    static final String REQUEST_SHA256 = "lmi.requestSha256";
    static final String DATASET = "lmi.dataset";
    static final String AUDITED = "lmi.audited";
    static final String REPLAYED = "lmi.replayed";

    private final DatasetCatalog catalog;
    private final IngestService ingest;
    private final RecordStore store;
    private final ObjectMapper json;
    private final HubProperties.Api settings;
    private final HttpResponses responses;
    private final FieldRestrictions restrictions;
    private final SubmissionSignatures signatures;

    public ExchangeApi(DatasetCatalog catalog, IngestService ingest, RecordStore store, ObjectMapper json,
                       HubProperties properties, HttpResponses responses, SubmissionSignatures signatures,
                       FieldRestrictions restrictions) {
        this.responses = responses;
        this.signatures = signatures;
        this.restrictions = restrictions;
        this.catalog = catalog;
        this.ingest = ingest;
        this.store = store;
        this.json = json;
        this.settings = properties.api();
    }

    public void listDatasets(Exchange exchange) {
        requireAcceptable(exchange, HttpResponses.JSON);
        Partner partner = RequestPartner.of(exchange);
        ArrayNode list = json.createArrayNode();
        for (Dataset dataset : catalog.all()) {
            var d = dataset.descriptor();
            ObjectNode item = list.addObject()
                    .put("id", d.id())
                    .put("version", d.version())
                    .put("title", d.title())
                    .put("titleVi", d.titleVi())
                    .put("legalBasis", d.legalBasis())
                    .put("form", d.form())
                    .put("schema", "/api/v1/datasets/" + d.id() + "/schema");
            item.putArray("key").addAll(d.key().stream().map(json.getNodeFactory()::textNode).toList());
            Grant grant = partner.grants().get(d.id());
            ArrayNode granted = item.putArray("granted");
            if (grant != null) {
                grant.operations().stream().sorted().forEach(o -> granted.add(o.label()));
            }
        }
        responses.respond(exchange, 200, HttpResponses.JSON, write(json.createObjectNode().set("datasets", list)));
    }

    public void getSchema(Exchange exchange) {
        String contentType = requireAcceptable(exchange, SCHEMA_JSON, HttpResponses.JSON);
        Dataset dataset = dataset(exchange);
        responses.respond(exchange, 200, contentType, write(dataset.schemaDocument()));
    }

    public void submit(Exchange exchange) {
        requireAcceptable(exchange, HttpResponses.JSON);
        Message in = exchange.getMessage();
        Partner partner = RequestPartner.of(exchange);
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !mediaType(contentType).equals(HttpResponses.JSON)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type is "
                    + (contentType == null ? "missing" : "'" + mediaType(contentType) + "'") + "; send application/json");
        }
        Long declaredLength = in.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declaredLength != null && declaredLength > settings.maxBodyBytes()) {
            throw tooLarge(declaredLength);
        }
        byte[] body = in.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > settings.maxBodyBytes()) {
            throw tooLarge(body.length);
        }
        exchange.setProperty(REQUEST_SHA256, Digests.sha256Hex(body));
        Dataset dataset = dataset(exchange);
        requireGrant(partner, dataset, Operation.SUBMIT);
        String idempotencyKey = IngestService.checkedIdempotencyKey(in.getHeader("Idempotency-Key", String.class));
        String signature = in.getHeader(HubSigner.SIGNATURE_HEADER, String.class);
        exchange.setProperty(SIGNATURE_RECEIVED, signature);
        signatures.verify(partner, signature, body, dataset.id(), idempotencyKey);
        IngestResult result = ingest.submit(new Submission(exchange.getProperty(HttpResponses.MESSAGE_ID, String.class),
                dataset.id(), partner.id(), idempotencyKey, body, signature));
        exchange.setProperty(result.replayed() ? REPLAYED : AUDITED, true);
        responses.respond(exchange, 202, HttpResponses.JSON, result.receiptJson());
        if (result.replayed()) {
            in.setHeader("Idempotent-Replayed", "true");
        }
    }

    private static void requireGrant(Partner partner, Dataset dataset, Operation operation) {
        if (partner.grant(dataset.id(), operation).isEmpty()) {
            throw new ProblemException(ProblemType.GRANT_MISSING, "partner '" + partner.id() + "' has no '"
                    + operation.label() + "' grant on dataset '" + dataset.id() + "'");
        }
    }

    public void page(Exchange exchange) {
        requireAcceptable(exchange, HttpResponses.JSON);
        Dataset dataset = dataset(exchange);
        Grant grant = pullGrant(exchange, dataset);
        Message in = exchange.getMessage();
        long after = longParameter(in, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) longParameter(in, "limit", settings.defaultPageSize(), 1, settings.maxPageSize());
        String province = in.getHeader("province", String.class);
        if (province != null && !province.matches("\\d{2}")) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "province must be a 2-digit province code, e.g. 01");
        }
        if (province != null) {
            restrictions.requireFilterAllowed(dataset, grant, "province", dataset.descriptor().province());
        }
        String period = in.getHeader("period", String.class);
        if (period != null) {
            restrictions.requireFilterAllowed(dataset, grant, "period", dataset.descriptor().period());
        }
        if (period != null && !period.matches("[0-9A-Za-z-]{1,32}")) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "period must be a period prefix such as 2025, 2025-06 or 2025-H1");
        }
        OffsetDateTime updatedSince = null;
        String since = in.getHeader("updated-since", String.class);
        if (since != null) {
            try {
                updatedSince = OffsetDateTime.parse(since);
            } catch (DateTimeParseException e) {
                throw new ProblemException(ProblemType.INVALID_PARAMETER,
                        "updated-since must be an RFC 3339 date-time with offset, e.g. 2026-01-31T00:00:00Z");
            }
        }
        List<StoredRecord> rows = store.page(new PageQuery(dataset.id(), after, limit + 1, province, period, updatedSince));
        boolean hasMore = rows.size() > limit;
        List<StoredRecord> page = hasMore ? rows.subList(0, limit) : rows;
        ObjectNode body = json.createObjectNode().put("dataset", dataset.id());
        ArrayNode records = body.putArray("records");
        page.forEach(r -> records.add(restrictions.apply(dataset, grant, recordNode(r))));
        body.put("nextCursor", String.valueOf(page.isEmpty() ? after : page.get(page.size() - 1).seq()));
        body.put("hasMore", hasMore);
        responses.respond(exchange, 200, HttpResponses.JSON, write(body));
    }

    public void latest(Exchange exchange) {
        requireAcceptable(exchange, HttpResponses.JSON);
        Dataset dataset = dataset(exchange);
        Grant grant = pullGrant(exchange, dataset);
        restrictions.requireKeyLookupAllowed(dataset, grant);
        String key = recordKey(exchange);
        StoredRecord record = store.latest(dataset.id(), key).orElseThrow(() -> recordNotFound(dataset, key));
        responses.respond(exchange, 200, HttpResponses.JSON, write(restrictions.apply(dataset, grant, recordNode(record))));
    }

    public void versions(Exchange exchange) {
        requireAcceptable(exchange, HttpResponses.JSON);
        Dataset dataset = dataset(exchange);
        Grant grant = pullGrant(exchange, dataset);
        restrictions.requireKeyLookupAllowed(dataset, grant);
        String key = recordKey(exchange);
        List<StoredRecord> versions = store.versions(dataset.id(), key);
        if (versions.isEmpty()) {
            throw recordNotFound(dataset, key);
        }
        ObjectNode body = json.createObjectNode().put("dataset", dataset.id()).put("key", key);
        ArrayNode list = body.putArray("versions");
        versions.forEach(r -> list.add(restrictions.apply(dataset, grant, recordNode(r))));
        responses.respond(exchange, 200, HttpResponses.JSON, write(body));
    }

    private ObjectNode recordNode(StoredRecord record) {
        ObjectNode node = json.createObjectNode()
                .put("key", record.key())
                .put("version", record.version())
                .put("seq", record.seq())
                .put("schemaVersion", record.schemaVersion())
                .put("recordedAt", record.recordedAt().toInstant().toString())
                .put("messageId", record.messageId())
                .put("sha256", record.payloadSha256());
        try {
            node.set("data", json.readTree(record.payloadJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload of " + record.datasetId() + " seq " + record.seq() + " is not JSON", e);
        }
        return node;
    }

    /** platform-http hands path parameters over still percent-encoded; keys may hold ':' and '/'. */
    private static String recordKey(Exchange exchange) {
        return UriUtils.decode(exchange.getMessage().getHeader("key", String.class), StandardCharsets.UTF_8);
    }

    private static Grant pullGrant(Exchange exchange, Dataset dataset) {
        Partner partner = RequestPartner.of(exchange);
        requireGrant(partner, dataset, Operation.PULL);
        return partner.grant(dataset.id(), Operation.PULL).orElseThrow();
    }

    private Dataset dataset(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        Dataset found = catalog.find(id).orElse(null);
        if (found != null) {
            exchange.setProperty(DATASET, found.id());
            return found;
        }
        return catalog.find(id).orElseThrow(() -> new ProblemException(ProblemType.DATASET_NOT_FOUND,
                "dataset '" + id + "' is not in the catalog; GET /api/v1/datasets lists the datasets"));
    }

    private static ProblemException recordNotFound(Dataset dataset, String key) {
        return new ProblemException(ProblemType.RECORD_NOT_FOUND,
                "dataset '" + dataset.id() + "' has no record with this key");
    }

    private ProblemException tooLarge(long size) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "request body of " + size
                + " bytes exceeds the limit of " + settings.maxBodyBytes() + " bytes; split it into smaller batches");
    }

    private static long longParameter(Message in, String name, long defaultValue, long min, long max) {
        String raw = in.getHeader(name, String.class);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the expected form
        }
        throw new ProblemException(ProblemType.INVALID_PARAMETER, name + " must be a whole number from " + min
                + " to " + max + (name.equals("after") ? " (the nextCursor of the previous page)" : ""));
    }

    /**
     * Picks the first of {@code offered} that the Accept header allows (absent Accept allows anything), or
     * refuses with 406. problem+json is always acceptable to whoever accepts JSON.
     */
    static String requireAcceptable(Exchange exchange, String... offered) {
        String accept = exchange.getMessage().getHeader("Accept", String.class);
        if (accept == null || accept.isBlank()) {
            return offered[0];
        }
        for (String offer : offered) {
            for (String range : accept.split(",")) {
                String wanted = mediaType(range);
                if (qualityIsZero(range)) {
                    continue;
                }
                if (wanted.equals("*/*") || wanted.equals(offer) || wanted.equals(offer.substring(0, offer.indexOf('/')) + "/*")) {
                    return offer;
                }
            }
        }
        throw new ProblemException(ProblemType.NOT_ACCEPTABLE, "this resource is served as " + String.join(" or ", offered)
                + "; the Accept header allows none of them");
    }

    private static boolean qualityIsZero(String range) {
        return range.replace(" ", "").matches(".*;q=0(\\.0{0,3})?$");
    }

    private static String mediaType(String headerValue) {
        int semicolon = headerValue.indexOf(';');
        return (semicolon < 0 ? headerValue : headerValue.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private String write(Object node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response could not be written as JSON", e);
        }
    }
}
