package vn.gov.lmi.hub.delivery;

import java.util.Set;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.ingest.JmsSubmissions;

/**
 * The route templates partner files in {@code routes/} instantiate (Camel YAML DSL {@code templatedRoute}).
 * Each parameter is declared here with its default and description; {@code routes/README.md} lists them.
 * <ul>
 *   <li>{@code rest-push}: deliver a dataset's record versions to a partner's HTTP endpoint;</li>
 *   <li>{@code jms-push}: deliver them to a partner's queue (the hub's broker or a remote Artemis);</li>
 *   <li>{@code soap-push}: deliver them to a partner's SOAP service, WS-Security signed;</li>
 *   <li>{@code jms-inbound}: take a partner's submissions from its inbox queue {@code lmi.in.<partner>}.</li>
 * </ul>
 */
@Component
public class RouteTemplates extends RouteBuilder {

    /** A subscription's queue on its dataset's address, consumed in a JMS transaction. */
    private static final String SUBSCRIPTION = "jms:queue:{{hub.events.address-prefix}}{{dataset}}::lmi.sub.{{partner}}.{{dataset}}"
            + "?transacted=true&concurrentConsumers={{concurrency}}&maxConcurrentConsumers={{concurrency}}"
            + "&cacheLevelName=CACHE_CONSUMER&lazyCreateTransactionManager=false&disableReplyTo=true";

    /*
     * lazyCreateTransactionManager=false: the listener's own transacted session is the transaction, and the
     * JmsTemplate sends of the deliverer (dead letters) and of the inbox (refusals, answers) join it, so a
     * message is consumed and its dead letter written in one commit. disableReplyTo=true: answers are the
     * inbox's own (signed, and only to allowed destinations), never Camel's automatic reply.
     */

    private static final Set<String> SUBSCRIPTION_PARAMETERS = Set.of("partner", "dataset", "mapping", "contract",
            "concurrency", "retryMaxAttempts", "retryInitialDelay", "retryMultiplier", "retryMaxDelay", "retryJitter",
            "circuitFailureRate", "circuitMinimumCalls", "circuitOpenFor");
    private static final Set<String> REST_PARAMETERS = Set.of("url", "connectTimeout", "responseTimeout");
    private static final Set<String> JMS_PARAMETERS = Set.of("queue", "brokerUrl", "brokerUser", "brokerPassword");
    private static final Set<String> SOAP_PARAMETERS = Set.of("url", "namespace", "operation", "soapAction",
            "connectTimeout", "responseTimeout");

    private final DeliveryEndpoints endpoints;
    private final JmsSubmissions submissions;

    public RouteTemplates(DeliveryEndpoints endpoints, JmsSubmissions submissions) {
        this.endpoints = endpoints;
        this.submissions = submissions;
    }

    @Override
    public void configure() {
        RouteTemplateDefinition rest = routeTemplate("rest-push")
                .description("Deliver every record version of a dataset to a partner's HTTP endpoint (POST, JSON, "
                        + "Idempotency-Key = delivery id, X-JWS-Signature by the hub)");
        subscriptionParameters(rest)
                .templateParameter("url", null, "Partner endpoint, http or https URL receiving POST application/json")
                .templateParameter("connectTimeout", "5s", "Longest wait for a connection")
                .templateParameter("responseTimeout", "30s", "Longest wait for the partner's answer")
                .templateBean("deliverer", Deliverer.class, rtc -> endpoints.restPush(rtc))
                .from(SUBSCRIPTION)
                .errorHandler(noErrorHandler())
                .to("bean:{{deliverer}}");

        RouteTemplateDefinition soap = routeTemplate("soap-push")
                .description("Deliver every record version of a dataset to a partner's SOAP service (document/literal, "
                        + "WS-Security signed by the hub, lmi:Delivery header with the delivery id)");
        subscriptionParameters(soap)
                .templateParameter("url", null, "The partner service's endpoint address (http or https)")
                .templateParameter("namespace", null, "Target namespace of the partner's WSDL types")
                .templateParameter("operation", null, "The operation's request element (document/literal wrapped)")
                .templateParameter("soapAction", "", "SOAPAction of the operation in the partner's WSDL")
                .templateParameter("connectTimeout", "5s", "Longest wait for a connection")
                .templateParameter("responseTimeout", "30s", "Longest wait for the partner's answer")
                .templateBean("deliverer", Deliverer.class, rtc -> endpoints.soapPush(rtc))
                .from(SUBSCRIPTION)
                .errorHandler(noErrorHandler())
                .to("bean:{{deliverer}}");

        RouteTemplateDefinition jms = routeTemplate("jms-push")
                .description("Deliver every record version of a dataset to a partner's JMS queue (persistent, signed, "
                        + "_AMQ_DUPL_ID = delivery id)");
        subscriptionParameters(jms)
                .templateParameter("queue", null, "The partner's queue name")
                .templateParameter("brokerUrl", "", "Remote Artemis URL (tcp://host:61616); empty: the hub's broker")
                .templateParameter("brokerUser", "", "User on the remote broker")
                .templateParameter("brokerPassword", "", "Password on the remote broker")
                .templateBean("deliverer", Deliverer.class, rtc -> endpoints.jmsPush(rtc))
                .from(SUBSCRIPTION)
                .errorHandler(noErrorHandler())
                .to("bean:{{deliverer}}");

        routeTemplate("jms-inbound")
                .description("Take a partner's signed submissions from its inbox queue lmi.in.<partner> into the ingest pipeline")
                .templateParameter("partner", null, "Partner id in routes/partners.yaml; the signer of every message")
                .templateParameter("concurrency", "1", "Parallel consumers of the inbox")
                .from("jms:queue:lmi.in.{{partner}}?transacted=true&concurrentConsumers={{concurrency}}"
                        + "&maxConcurrentConsumers={{concurrency}}&cacheLevelName=CACHE_CONSUMER&lazyCreateTransactionManager=false&disableReplyTo=true")
                .errorHandler(noErrorHandler())
                // the inbox's owner comes from the route, never from the message
                .setHeader(JmsSubmissions.INBOX_PARTNER, constant("{{partner}}"))
                .process(submissions);
    }

    /** Every parameter the {@code <transport>-push} template declares (routes naming others are refused). */
    static Set<String> parameters(String transport) {
        Set<String> all = new java.util.HashSet<>(SUBSCRIPTION_PARAMETERS);
        all.addAll(switch (transport) {
            case "rest" -> REST_PARAMETERS;
            case "soap" -> SOAP_PARAMETERS;
            default -> JMS_PARAMETERS;
        });
        return all;
    }

    private static RouteTemplateDefinition subscriptionParameters(RouteTemplateDefinition template) {
        return template
                .templateParameter("partner", null, "Partner id in routes/partners.yaml; needs the subscribe grant")
                .templateParameter("dataset", null, "Dataset id; one delivery route per partner and dataset")
                .templateParameter("mapping", "", "JSLT file (relative to routes/) turning the hub's record into the partner's format")
                .templateParameter("contract", "", "JSON Schema file (relative to routes/) the partner's format must satisfy")
                .templateParameter("concurrency", "1", "Parallel consumers; per-record order holds at any value (message groups)")
                .templateParameter("retryMaxAttempts", "10", "Calls in all before dead-lettering a retryable failure")
                .templateParameter("retryInitialDelay", "1s", "Wait after the first failed attempt")
                .templateParameter("retryMultiplier", "2.0", "Factor applied to the wait after each further failure")
                .templateParameter("retryMaxDelay", "5m", "Longest wait between attempts (also caps Retry-After)")
                .templateParameter("retryJitter", "0.2", "Random spread of each wait, 0 to 1")
                .templateParameter("circuitFailureRate", "50", "Percentage of failed calls that opens the circuit")
                .templateParameter("circuitMinimumCalls", "10", "Calls observed before the failure rate counts")
                .templateParameter("circuitOpenFor", "30s", "How long an open circuit waits before one trial call");
    }
}
