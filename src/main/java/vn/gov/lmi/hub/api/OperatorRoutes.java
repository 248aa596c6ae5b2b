package vn.gov.lmi.hub.api;

import java.io.IOException;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.audit.LoggedExchange;
import vn.gov.lmi.hub.audit.MessageLog;
import vn.gov.lmi.hub.audit.MessageLogEntry;
import vn.gov.lmi.hub.audit.MessageLogVerifier;
import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.delivery.DeliveryOperations;
import vn.gov.lmi.hub.exports.DatasetExporter;
import vn.gov.lmi.hub.partners.Partner;
import vn.gov.lmi.hub.partners.PartnerRegistry;
import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;

/**
 * The operator API under {@code /ops/v1} on the partner port; {@link ClientCertificateFilter} lets only
 * certificates registered under {@code operators:} in. Every action is an entry in the message log.
 */
@Component
public class OperatorRoutes extends RouteBuilder {

    private final PartnerRegistry registry;
    private final MessageLogVerifier verifier;
    private final MessageLog messageLog;
    private final DatasetExporter exporter;
    private final DatasetCatalog catalog;
    private final HttpResponses responses;
    private final ProblemResponder problems;
    private final ObjectMapper json;
    private final DeliveryOperations deliveries;

    public OperatorRoutes(PartnerRegistry registry, MessageLogVerifier verifier, MessageLog messageLog,
                          DatasetExporter exporter, DatasetCatalog catalog, HttpResponses responses,
                          ProblemResponder problems, ObjectMapper json, DeliveryOperations deliveries) {
        this.deliveries = deliveries;
        this.registry = registry;
        this.verifier = verifier;
        this.messageLog = messageLog;
        this.exporter = exporter;
        this.catalog = catalog;
        this.responses = responses;
        this.problems = problems;
        this.json = json;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(problems::handle);

        from("platform-http:/ops/v1/partners?httpMethodRestrict=GET").routeId("ops-partners")
                .process(e -> operatorAction(e, "ops-list-partners", this::partners));
        from("platform-http:/ops/v1/audit/verify?httpMethodRestrict=GET").routeId("ops-audit-verify")
                .process(e -> operatorAction(e, "ops-audit-verify", this::auditVerify));
        from("platform-http:/ops/v1/exports/{dataset}?httpMethodRestrict=POST").routeId("ops-export")
                .process(e -> operatorAction(e, "ops-export", this::export));

        from("platform-http:/ops/v1/deliveries?httpMethodRestrict=GET").routeId("ops-delivery-endpoints")
                .process(e -> operatorAction(e, "ops-delivery-endpoints", x -> write(deliveries.endpoints())));
        from("platform-http:/ops/v1/deliveries/{deliveryId}?httpMethodRestrict=GET").routeId("ops-delivery")
                .process(e -> operatorAction(e, "ops-delivery", x -> write(deliveries.delivery(header(x, "deliveryId")))));
        from("platform-http:/ops/v1/deliveries/{deliveryId}/resend?httpMethodRestrict=POST").routeId("ops-resend")
                .process(e -> operatorAction(e, "ops-resend", x -> write(deliveries.resend(header(x, "deliveryId"),
                        "true".equals(header(x, "force"))))));
        from("platform-http:/ops/v1/dead-letters?httpMethodRestrict=GET").routeId("ops-dead-letters")
                .process(e -> operatorAction(e, "ops-dead-letters", x -> write(deliveries.list(header(x, "endpoint"),
                        header(x, "reason")))));
        from("platform-http:/ops/v1/dead-letters/replay?httpMethodRestrict=POST").routeId("ops-replay-all")
                .process(e -> operatorAction(e, "ops-replay", x -> write(deliveries.replayAll(header(x, "endpoint"),
                        header(x, "reason"), "true".equals(header(x, "force"))))));
        from("platform-http:/ops/v1/dead-letters/purge?httpMethodRestrict=POST").routeId("ops-purge-all")
                .process(e -> operatorAction(e, "ops-purge", x -> write(deliveries.purgeAll(header(x, "endpoint"),
                        header(x, "reason")))));
        from("platform-http:/ops/v1/dead-letters/{deliveryId}?httpMethodRestrict=GET").routeId("ops-dead-letter")
                .process(e -> operatorAction(e, "ops-dead-letter", x -> write(deliveries.inspect(header(x, "deliveryId")))));
        from("platform-http:/ops/v1/dead-letters/{deliveryId}/replay?httpMethodRestrict=POST").routeId("ops-replay")
                .process(e -> operatorAction(e, "ops-replay", x -> write(deliveries.replay(header(x, "deliveryId"),
                        "true".equals(header(x, "force"))))));
        from("platform-http:/ops/v1/dead-letters/{deliveryId}/purge?httpMethodRestrict=POST").routeId("ops-purge")
                .process(e -> operatorAction(e, "ops-purge", x -> write(deliveries.purge(header(x, "deliveryId")))));
    }

    /** A path or query parameter, percent-decoded (platform-http passes path parameters encoded). */
    private static String header(Exchange exchange, String name) {
        String value = exchange.getMessage().getHeader(name, String.class);
        return value == null ? null : org.springframework.web.util.UriUtils.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private String write(Object node) throws JsonProcessingException {
        return json.writeValueAsString(node);
    }

    private interface Action {
        String answer(Exchange exchange) throws IOException;
    }

    private void operatorAction(Exchange exchange, String operation, Action action) throws IOException {
        exchange.setProperty(HttpResponses.MESSAGE_ID, UUID.randomUUID().toString());
        Partner operator = RequestPartner.of(exchange);
        String outcome = "served";
        String detail = null;
        try {
            if (!operator.isOperator()) {
                // the filter refuses partners already; this holds even if a path form ever slipped past it
                throw new ProblemException(ProblemType.OPERATOR_REQUIRED, "'" + operator.id() + "' is a partner; "
                        + "the operator API needs an operator certificate registered under operators:");
            }
            responses.respond(exchange, 200, HttpResponses.JSON, action.answer(exchange));
        } catch (ProblemException refused) {
            outcome = refused.type().slug();
            detail = refused.detail();
            throw refused;
        } finally {
            String deliveryId = header(exchange, "deliveryId");
            if (deliveryId != null) {
                detail = "delivery " + deliveryId + (detail == null ? "" : ": " + detail);
            }
            messageLog.append(new LoggedExchange(MessageLogEntry.Direction.OUT, operator.id(),
                    exchange.getProperty(ExchangeApi.DATASET, String.class), operation,
                    exchange.getProperty(HttpResponses.MESSAGE_ID, String.class),
                    exchange.getProperty(HttpResponses.BODY_SHA256, String.class),
                    exchange.getProperty(HttpResponses.SIGNATURE_SENT, String.class), outcome, detail));
        }
    }

    private String partners(Exchange exchange) throws JsonProcessingException {
        ObjectNode body = json.createObjectNode().put("loadedAt", registry.loadedAt().toString());
        if (registry.lastReloadProblem() != null) {
            body.put("lastReloadProblem", registry.lastReloadProblem());
        }
        ArrayNode list = body.putArray("parties");
        for (Partner party : registry.all()) {
            ObjectNode item = list.addObject().put("id", party.id()).put("name", party.name())
                    .put("role", party.role().name().toLowerCase(java.util.Locale.ROOT));
            item.set("certificates", json.valueToTree(party.certificateFingerprints().stream().sorted().toList()));
            ArrayNode grants = item.putArray("grants");
            party.grants().values().stream().sorted(java.util.Comparator.comparing(g -> g.dataset())).forEach(g -> {
                ObjectNode grant = grants.addObject().put("dataset", g.dataset());
                grant.set("operations", json.valueToTree(g.operations().stream().sorted().map(o -> o.label()).toList()));
                grant.set("withhold", json.valueToTree(g.withhold()));
            });
        }
        return json.writeValueAsString(body);
    }

    private String auditVerify(Exchange exchange) throws JsonProcessingException {
        MessageLogVerifier.Result result = verifier.verify();
        ObjectNode body = json.createObjectNode().put("intact", result.intact()).put("entries", result.entries());
        if (!result.intact()) {
            body.put("firstBrokenEntry", result.firstBrokenSeq()).put("problem", result.problem());
        }
        return json.writeValueAsString(body);
    }

    private String export(Exchange exchange) throws IOException {
        String datasetId = exchange.getMessage().getHeader("dataset", String.class);
        if (catalog.find(datasetId).isEmpty()) {
            throw new ProblemException(ProblemType.DATASET_NOT_FOUND, "dataset '" + datasetId + "' is not in the catalog");
        }
        exchange.setProperty(ExchangeApi.DATASET, datasetId);
        DatasetExporter.Export export = exporter.export(datasetId);
        return json.writeValueAsString(json.createObjectNode()
                .put("dataset", datasetId)
                .put("file", export.file().toString())
                .put("signature", export.signature().toString())
                .put("records", export.records())
                .put("lastSeq", export.lastSeq())
                .put("sha256", export.sha256()));
    }
}
