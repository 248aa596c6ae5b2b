package vn.gov.lmi.hub.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.gov.lmi.hub.audit.LoggedExchange;
import vn.gov.lmi.hub.audit.MessageLogEntry;
import vn.gov.lmi.hub.catalog.Dataset;
import vn.gov.lmi.hub.partners.Grant;
import vn.gov.lmi.hub.partners.Operation;
import vn.gov.lmi.hub.partners.Partner;
import vn.gov.lmi.hub.trust.Digests;

/**
 * Delivers each record version of one subscription, in the consumer's JMS transaction: applies the partner's
 * withheld fields, its mapping and contract, signs, and sends with retries and a circuit breaker. Retries wait
 * in place, so no later version of the same record can overtake a waiting one. A delivery that cannot succeed
 * is moved to the endpoint's dead-letter queue in the same transaction; one that was cut short by a stop or a
 * crash is rolled back into the subscription queue and sent again, flagged as a redelivery.
 */
public class Deliverer implements Processor {

    /** Set on messages put back into a subscription queue by an operator: {@code dead-letter} or {@code resend}. */
    public static final String REPLAY_PROPERTY = "lmiReplay";
    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final DeliveryEndpoint endpoint;
    private final Transport transport;
    private final DeliveryServices services;
    private final CircuitBreaker circuit;
    private final JsonSchema contract;
    private volatile CompiledMapping mapping;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    private record CompiledMapping(FileTime modified, Expression expression) {
    }

    Deliverer(DeliveryEndpoint endpoint, Transport transport, DeliveryServices services, CircuitBreaker circuit) {
        this.endpoint = endpoint;
        this.transport = transport;
        this.services = services;
        this.circuit = circuit;
        this.contract = endpoint.contract() == null ? null
                : services.schemas().load(endpoint.contract().toUri(), true);
        if (endpoint.mapping() != null) {
            this.mapping = compile(endpoint.mapping());
        }
    }

    public DeliveryEndpoint endpoint() {
        return endpoint;
    }

    public CircuitBreaker circuit() {
        return circuit;
    }

    /** Its route is gone: a message waiting in back-off goes back to its queue, the transport lets go. */
    void close() {
        closed.countDown();
        transport.close();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (closed.getCount() == 0) {
            throw new DeliveryPauses.HubStopping(); // its route is being replaced: the message goes back to the queue
        }
        Message in = exchange.getIn();
        String text = in.getBody(String.class);
        JsonNode event = services.json().readTree(text);
        long seq = event.path("seq").asLong();
        int version = event.path("version").asInt();
        String keyHash = services.keyTokens().token(endpoint.dataset(), event.path("key").asText());
        String deliveryId = endpoint.deliveryId(seq);
        String replay = in.getHeader(REPLAY_PROPERTY, String.class);
        String operation = replay == null ? "deliver" : replay.equals("resend") ? "resend" : "replay";
        boolean jmsRedelivered = in.getHeader("JMSRedelivered", false, Boolean.class);

        byte[] body;
        try {
            body = outgoing(event);
        } catch (DeliveryFailure unfit) {
            services.archive().beforeAttempt(deliveryId, endpoint.id(), endpoint.partner(), endpoint.dataset(), seq,
                    keyHash, version);
            deadLetter(exchange, text, deliveryId, seq, version, keyHash, operation, event, unfit, 0, null, null);
            return;
        }
        String signature = services.signer().signDetached(body, Map.of("lmi-dataset", endpoint.dataset(),
                "lmi-delivery-id", deliveryId));
        String bodySha256 = Digests.sha256Hex(body);
        // a replay or resend must pass the partner broker's duplicate detection, which the first copy primed
        String duplicateId = replay == null ? deliveryId : deliveryId + ":" + operation + ":" + java.util.UUID.randomUUID();

        int attempt = 0;
        DeliveryFailure last = null;
        while (true) {
            if (!circuit.tryAcquirePermission()) {
                // the endpoint is known to be down: wait without spending an attempt, keeping order
                services.pauses().pause(endpoint.retry().initialDelay().isZero() ? Duration.ofMillis(100) : endpoint.retry().initialDelay(), closed);
                continue;
            }
            attempt++;
            long started = System.nanoTime();
            try {
                boolean seenBefore = services.commits().commit(() -> services.archive().beforeAttempt(deliveryId,
                        endpoint.id(), endpoint.partner(), endpoint.dataset(), seq, keyHash, version));
                transport.send(new OutgoingDelivery(deliveryId, duplicateId, body, signature, attempt,
                        seenBefore || jmsRedelivered || replay != null, keyHash));
                long took = System.nanoTime() - started;
                circuit.onSuccess(took, java.util.concurrent.TimeUnit.NANOSECONDS);
                services.metrics().attempt(endpoint.id(), "success", Duration.ofNanos(took));
                LoggedExchange logged = new LoggedExchange(MessageLogEntry.Direction.OUT, endpoint.partner(),
                        endpoint.dataset(), operation, deliveryId, bodySha256, signature, DeliveryArchive.DELIVERED,
                        detail(event, attempt, transport.target()));
                services.commits().commit(() -> {
                    services.archive().delivered(deliveryId);
                    return services.messageLog().append(logged);
                });
                services.metrics().outcome(endpoint.id(), DeliveryArchive.DELIVERED);
                return;
            } catch (DeliveryFailure failure) {
                long took = System.nanoTime() - started;
                if (failure.retryable()) {
                    circuit.onError(took, java.util.concurrent.TimeUnit.NANOSECONDS, failure);
                } else {
                    circuit.onSuccess(took, java.util.concurrent.TimeUnit.NANOSECONDS);
                }
                services.metrics().attempt(endpoint.id(), failure.retryable() ? "retryable" : "permanent", Duration.ofNanos(took));
                if (!failure.retryable() || attempt >= endpoint.retry().maxAttempts()) {
                    deadLetter(exchange, text, deliveryId, seq, version, keyHash, operation, event, failure, attempt, bodySha256, signature);
                    return;
                }
                services.archive().failed(deliveryId, DeliveryArchive.SENDING, failure.getMessage());
                Duration wait = endpoint.retry().delayAfter(attempt, failure.retryAfter());
                log.info("delivery {} attempt {} failed ({}); next in {} ms", deliveryId, attempt, failure.reason(), wait.toMillis());
                services.pauses().pause(wait, closed);
            } catch (DeliveryPauses.HubStopping stopping) {
                circuit.releasePermission();
                throw stopping;
            } catch (RuntimeException internal) {
                // the hub's own trouble (database, broker), not the partner's: the permit goes back, no attempt
                // is spent, and the message waits here, in order, instead of being rolled back behind others
                circuit.releasePermission();
                attempt--;
                log.warn("delivery {} paused by an internal error: {}", deliveryId, internal.toString());
                services.pauses().pause(endpoint.retry().initialDelay().isZero() ? Duration.ofSeconds(1) : endpoint.retry().initialDelay(), closed);
            }
        }
    }

    private void deadLetter(Exchange exchange, String text, String deliveryId, long seq, int version, String keyHash, String operation,
                            JsonNode event, DeliveryFailure failure, int attempts, String bodySha256, String signature) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("deliveryId", deliveryId);
        properties.put("endpoint", endpoint.id());
        properties.put("dataset", endpoint.dataset());
        properties.put("seq", seq);
        properties.put("version", version);
        properties.put("recordKeyHash", keyHash);
        properties.put("reason", failure.reason());
        properties.put("attempts", attempts);
        properties.put("lastError", failure.getMessage());
        properties.put("deadLetteredAt", java.time.Instant.now().toString());
        services.deadLetters().put(vn.gov.lmi.hub.events.ConsumerSessions.of(exchange), endpoint, text, properties);
        services.archive().failed(deliveryId, DeliveryArchive.DEAD_LETTERED, failure.reason() + ": " + failure.getMessage());
        services.metrics().outcome(endpoint.id(), DeliveryArchive.DEAD_LETTERED);
        services.messageLog().append(new LoggedExchange(MessageLogEntry.Direction.OUT, endpoint.partner(),
                endpoint.dataset(), operation, deliveryId, bodySha256, signature, "dead-lettered",
                failure.reason() + " after " + attempts + " attempt(s); " + detail(event, attempts, transport.target())));
        log.warn("delivery {} dead-lettered after {} attempt(s): {}", deliveryId, attempts, failure.reason());
    }

    private static String detail(JsonNode event, int attempts, String target) {
        return "record message " + event.path("messageId").asText() + ", seq " + event.path("seq").asLong()
                + ", version " + event.path("version").asInt() + ", attempt " + attempts + ", to " + target;
    }

    /** The bytes the partner receives: withheld fields removed, mapped, checked against its contract. */
    private byte[] outgoing(JsonNode event) throws IOException {
        Partner partner = services.registry().find(endpoint.partner()).orElseThrow(() -> DeliveryFailure.permanent(
                "unknown-partner", "partner '" + endpoint.partner() + "' is not in the partner registry"));
        Grant grant = partner.grant(endpoint.dataset(), Operation.SUBSCRIBE).orElseThrow(() -> DeliveryFailure.permanent(
                "grant-missing", "partner '" + endpoint.partner() + "' has no 'subscribe' grant on dataset '"
                        + endpoint.dataset() + "'"));
        Dataset dataset = services.catalog().find(endpoint.dataset()).orElseThrow(() -> DeliveryFailure.permanent(
                "dataset-not-found", "dataset '" + endpoint.dataset() + "' is no longer in the catalog"));
        if (!(event instanceof ObjectNode eventObject) || !event.has("seq") || !event.has("data")) {
            throw DeliveryFailure.permanent("not-an-event", "the queued message is not a record event");
        }
        ObjectNode record = eventObject.deepCopy();
        JsonNode message = services.restrictions().apply(dataset, grant, record);
        CompiledMapping current = currentMapping();
        if (current != null) {
            try {
                message = current.expression().apply(message);
            } catch (JsltException e) {
                throw DeliveryFailure.permanent("mapping-error", "mapping " + endpoint.mapping().getFileName() + " failed: " + e.getMessage());
            }
        }
        if (contract != null) {
            List<String> violations = contract.validate(message).stream().map(ValidationMessage::getMessage).sorted().toList();
            if (!violations.isEmpty()) {
                throw DeliveryFailure.permanent("contract-violation", "the mapped message breaks the partner's contract "
                        + endpoint.contract().getFileName() + ": " + String.join("; ", violations));
            }
        }
        return services.json().writeValueAsBytes(message);
    }

    /** The mapping, recompiled when its file changed (a fixed mapping applies to the next delivery and replay). */
    private CompiledMapping currentMapping() throws IOException {
        if (endpoint.mapping() == null) {
            return null;
        }
        if (!Files.isRegularFile(endpoint.mapping())) {
            throw DeliveryFailure.permanent("mapping-error", "mapping file " + endpoint.mapping().getFileName() + " is missing");
        }
        FileTime modified = Files.getLastModifiedTime(endpoint.mapping());
        CompiledMapping known = mapping;
        if (known == null || !known.modified().equals(modified)) {
            try {
                known = compile(endpoint.mapping());
            } catch (IllegalArgumentException e) {
                throw DeliveryFailure.permanent("mapping-error", e.getMessage());
            }
            mapping = known;
        }
        return known;
    }

    private static CompiledMapping compile(Path file) {
        try {
            return new CompiledMapping(Files.getLastModifiedTime(file),
                    Parser.compileString(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | JsltException e) {
            throw new IllegalArgumentException("mapping " + file + " cannot be compiled: " + e.getMessage(), e);
        }
    }
}
