package vn.gov.lmi.hub.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.events.OutboxRelay;
import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;
import vn.gov.lmi.hub.store.RecordStore;
import vn.gov.lmi.hub.store.StoredRecord;

/**
 * What operators do with deliveries: look at endpoints and dead letters, replay (one, or all matching a filter),
 * purge, and resend any archived delivery. Replays and resends keep the delivery id. A dead letter whose record
 * has since been delivered in a newer version is not replayed unless forced, so that an old version never lands
 * after a newer one by accident.
 */
@Component
public class DeliveryOperations {

    private final DeliveryEndpoints endpoints;
    private final DeadLetters deadLetters;
    private final DeliveryArchive archive;
    private final RecordStore store;
    private final ObjectMapper json;

    public DeliveryOperations(DeliveryEndpoints endpoints, DeadLetters deadLetters, DeliveryArchive archive,
                              RecordStore store, ObjectMapper json) {
        this.endpoints = endpoints;
        this.deadLetters = deadLetters;
        this.archive = archive;
        this.store = store;
        this.json = json;
    }

    public ObjectNode endpoints() {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("endpoints");
        for (Deliverer deliverer : sorted(endpoints.all())) {
            DeliveryEndpoint endpoint = deliverer.endpoint();
            ObjectNode item = list.addObject().put("id", endpoint.id()).put("partner", endpoint.partner())
                    .put("dataset", endpoint.dataset()).put("transport", endpoint.transportName())
                    .put("circuit", deliverer.circuit().getState().name()).put("deadLetters", deadLetters.depth(endpoint));
            ObjectNode counts = item.putObject("deliveries");
            archive.countsByStatus(endpoint.id()).forEach(row ->
                    counts.put((String) row.get("status"), ((Number) row.get("n")).longValue()));
        }
        return body;
    }

    public ObjectNode list(String endpointId, String reason) {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("deadLetters");
        for (Deliverer deliverer : selected(endpointId)) {
            for (DeadLetters.DeadLetter letter : deadLetters.list(deliverer.endpoint(), reason)) {
                list.add(summary(letter));
            }
        }
        return body;
    }

    public ObjectNode inspect(String deliveryId) {
        DeliveryEndpoint endpoint = endpointOf(deliveryId);
        DeadLetters.DeadLetter letter = deadLetters.find(endpoint, deliveryId).orElseThrow(() -> notFound(deliveryId));
        ObjectNode body = summary(letter);
        try {
            body.set("event", json.readTree(letter.event()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            body.put("event", letter.event());
        }
        return body;
    }

    /** Replays one dead letter; the answer says replayed, superseded (not replayed) or not found. */
    public ObjectNode replay(String deliveryId, boolean force) {
        DeliveryEndpoint endpoint = endpointOf(deliveryId);
        DeadLetters.DeadLetter letter = deadLetters.find(endpoint, deliveryId).orElseThrow(() -> notFound(deliveryId));
        return json.createObjectNode().put("deliveryId", deliveryId).put("result", replay(endpoint, letter, force));
    }

    public ObjectNode replayAll(String endpointId, String reason, boolean force) {
        ObjectNode body = json.createObjectNode();
        ArrayNode results = body.putArray("results");
        for (Deliverer deliverer : selected(endpointId)) {
            for (DeadLetters.DeadLetter letter : deadLetters.list(deliverer.endpoint(), reason)) {
                results.addObject().put("deliveryId", letter.deliveryId())
                        .put("result", replay(deliverer.endpoint(), letter, force));
            }
        }
        return body;
    }

    public ObjectNode purge(String deliveryId) {
        DeliveryEndpoint endpoint = endpointOf(deliveryId);
        if (!deadLetters.purge(endpoint, deliveryId)) {
            throw notFound(deliveryId);
        }
        return json.createObjectNode().put("deliveryId", deliveryId).put("result", "purged");
    }

    public ObjectNode purgeAll(String endpointId, String reason) {
        ObjectNode body = json.createObjectNode();
        ArrayNode results = body.putArray("results");
        for (Deliverer deliverer : selected(endpointId)) {
            for (DeadLetters.DeadLetter letter : deadLetters.list(deliverer.endpoint(), reason)) {
                boolean purged = deadLetters.purge(deliverer.endpoint(), letter.deliveryId());
                results.addObject().put("deliveryId", letter.deliveryId()).put("result", purged ? "purged" : "gone");
            }
        }
        return body;
    }

    public ObjectNode delivery(String deliveryId) {
        DeliveryArchive.Entry entry = archive.find(deliveryId).orElseThrow(() -> new ProblemException(
                ProblemType.RESOURCE_NOT_FOUND, "no delivery '" + deliveryId + "' in the archive"));
        return json.valueToTree(entry);
    }

    /**
     * Sends an archived delivery again, rebuilt from the stored version, with the same delivery id; refused as
     * superseded when the record has a newer version, unless forced.
     */
    public ObjectNode resend(String deliveryId, boolean force) {
        DeliveryEndpoint endpoint = endpointOf(deliveryId);
        DeliveryArchive.Entry entry = archive.find(deliveryId).orElseThrow(() -> new ProblemException(
                ProblemType.RESOURCE_NOT_FOUND, "no delivery '" + deliveryId + "' in the archive"));
        StoredRecord record = store.bySeq(entry.dataset(), entry.seq()).orElseThrow(() -> new ProblemException(
                ProblemType.RECORD_NOT_FOUND, "the version of delivery '" + deliveryId + "' is no longer stored"));
        if (!force && newerVersionExists(record.datasetId(), record.key(), record.version())) {
            return json.createObjectNode().put("deliveryId", deliveryId).put("result", "superseded");
        }
        deadLetters.resend(endpoint, OutboxRelay.eventBody(json, record), entry.keyHash());
        return json.createObjectNode().put("deliveryId", deliveryId).put("result", "queued");
    }

    private String replay(DeliveryEndpoint endpoint, DeadLetters.DeadLetter letter, boolean force) {
        if (!force) {
            try {
                String key = json.readTree(letter.event()).path("key").asText();
                if (newerVersionExists(endpoint.dataset(), key, letter.version())) {
                    return "superseded";
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return "unreadable";
            }
        }
        return deadLetters.replay(endpoint, letter.deliveryId()) ? "replayed" : "gone";
    }

    /**
     * Whether the store holds a newer version of the record: sending this one now could land after that one
     * (delivered, queued or still to come), so it is only sent when forced.
     */
    private boolean newerVersionExists(String datasetId, String key, int version) {
        return store.latest(datasetId, key).map(latest -> latest.version() > version).orElse(false);
    }

    private ObjectNode summary(DeadLetters.DeadLetter letter) {
        return json.createObjectNode().put("deliveryId", letter.deliveryId()).put("endpoint", letter.endpoint())
                .put("dataset", letter.dataset()).put("seq", letter.seq()).put("version", letter.version())
                .put("reason", letter.reason()).put("attempts", letter.attempts()).put("lastError", letter.lastError())
                .put("deadLetteredAt", letter.deadLetteredAt());
    }

    /** A delivery id is {@code <partner>:<dataset>:<seq>}; its endpoint is {@code <partner>.<dataset>}. */
    private DeliveryEndpoint endpointOf(String deliveryId) {
        String[] parts = deliveryId == null ? new String[0] : deliveryId.split(":");
        if (parts.length != 3 || !parts[2].matches("\\d+")) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "a delivery id is <partner>:<dataset>:<seq>, not '"
                    + deliveryId + "'");
        }
        return endpoints.find(parts[0] + "." + parts[1]).map(Deliverer::endpoint).orElseThrow(() -> new ProblemException(
                ProblemType.RESOURCE_NOT_FOUND, "no delivery endpoint " + parts[0] + "." + parts[1] + " is running"));
    }

    private List<Deliverer> selected(String endpointId) {
        if (endpointId == null || endpointId.isBlank()) {
            return sorted(endpoints.all());
        }
        return List.of(endpoints.find(endpointId).orElseThrow(() -> new ProblemException(ProblemType.RESOURCE_NOT_FOUND,
                "no delivery endpoint '" + endpointId + "'; GET /ops/v1/deliveries lists them")));
    }

    private static List<Deliverer> sorted(Collection<Deliverer> deliverers) {
        List<Deliverer> list = new ArrayList<>(deliverers);
        list.sort(java.util.Comparator.comparing(d -> d.endpoint().id()));
        return list;
    }

    private static ProblemException notFound(String deliveryId) {
        return new ProblemException(ProblemType.RESOURCE_NOT_FOUND, "no dead letter '" + deliveryId + "'");
    }
}
