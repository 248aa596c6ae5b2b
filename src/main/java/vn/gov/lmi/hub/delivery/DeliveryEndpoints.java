package vn.gov.lmi.hub.delivery;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.jms.ConnectionFactory;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RouteTemplateContext;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.routes.RouteEnvironment;
import vn.gov.lmi.hub.routes.TemplateCatalog;
import vn.gov.lmi.hub.routes.TemplateParameters;
import vn.gov.lmi.hub.system.HubProperties;

/**
 * Builds a {@link Deliverer} from the parameters of a delivery route and keeps every endpoint by id for the
 * operator API, metrics and health. The parameters are judged by the template's declaration
 * ({@code route-templates/<id>.yaml}): types, the partner and its {@code subscribe} grant, the dataset, the
 * mapping and contract files. Building creates the subscription and dead-letter queues before the route consumes.
 */
@Component
public class DeliveryEndpoints {

    private final Map<String, Deliverer> endpoints = new ConcurrentHashMap<>();
    private final DeliveryServices services;
    private final BrokerQueues queues;
    private final ProducerTemplate producer;
    private final vn.gov.lmi.hub.trust.HubSigner signer;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final ConnectionFactory connectionFactory;
    private final TemplateCatalog templates;
    private final RouteEnvironment environment;
    private final String addressPrefix;

    public DeliveryEndpoints(DeliveryServices services, BrokerQueues queues, ProducerTemplate producer,
                             ConnectionFactory connectionFactory, HubProperties properties,
                             vn.gov.lmi.hub.trust.HubSigner signer, com.fasterxml.jackson.databind.ObjectMapper json,
                             TemplateCatalog templates, RouteEnvironment environment) {
        this.signer = signer;
        this.json = json;
        this.services = services;
        this.queues = queues;
        this.producer = producer;
        this.connectionFactory = connectionFactory;
        this.templates = templates;
        this.environment = environment;
        this.addressPrefix = properties.events().addressPrefix();
    }

    public Optional<Deliverer> find(String id) {
        return Optional.ofNullable(endpoints.get(id));
    }

    public Collection<Deliverer> all() {
        return endpoints.values();
    }

    Deliverer restPush(RouteTemplateContext context) {
        TemplateParameters p = bind("rest-push", context);
        return create(p, "rest", new RestTransport(producer, p.text("url"), p.duration("connectTimeout"),
                p.duration("responseTimeout"), tokens(p)));
    }

    Deliverer dvcqgPush(RouteTemplateContext context) {
        TemplateParameters p = bind("dvcqg-push", context);
        return create(p, "dvcqg", new DvcqgTransport(producer, json, p.text("loginUrl"), p.text("username"),
                p.text("password"), p.text("url"), p.text("dstcode"), p.text("madonvi"), p.text("service"),
                p.list("sessionExpiredCodes"), p.list("retryableCodes"), p.duration("connectTimeout"),
                p.duration("responseTimeout")));
    }

    Deliverer soapPush(RouteTemplateContext context) {
        TemplateParameters p = bind("soap-push", context);
        return create(p, "soap", new SoapTransport(producer, p.text("url"), p.text("namespace"), p.text("operation"),
                p.text("soapAction", ""), signer, json, p.duration("connectTimeout"), p.duration("responseTimeout")));
    }

    Deliverer jmsPush(RouteTemplateContext context) {
        TemplateParameters p = bind("jms-push", context);
        String brokerUrl = p.text("brokerUrl");
        // a remote broker: one cached connection per endpoint, not one per message
        ConnectionFactory target = brokerUrl == null ? connectionFactory
                : new CachingConnectionFactory(new ActiveMQConnectionFactory(brokerUrl, p.text("brokerUser"),
                        p.text("brokerPassword")));
        return create(p, "jms", new JmsTransport(target, p.text("queue"), brokerUrl == null ? "the hub's broker" : brokerUrl));
    }

    /** A scheduled pull from a partner ({@code rest-pull}); its records enter through the ingest pipeline. */
    PartnerPull pull(RouteTemplateContext context, vn.gov.lmi.hub.ingest.IngestService ingest) {
        TemplateParameters p = bind("rest-pull", context);
        return new PartnerPull(producer, ingest, json, tokens(p), p.text("partner"), p.text("dataset"), p.text("url"),
                p.file("mapping"), p.text("recordsPointer", ""), p.text("sinceParameter"), p.duration("connectTimeout"),
                p.duration("responseTimeout"));
    }

    /** The OAuth2 token source of a route with a tokenUrl, else null. */
    private OAuth2ClientCredentials tokens(TemplateParameters p) {
        return p.text("tokenUrl") == null ? null : new OAuth2ClientCredentials(producer, p.text("tokenUrl"),
                p.text("clientId"), p.text("clientSecret"), p.text("scope"), p.duration("connectTimeout"),
                p.duration("responseTimeout"), Clock.systemUTC());
    }

    private TemplateParameters bind(String template, RouteTemplateContext context) {
        Map<String, String> given = new java.util.HashMap<>();
        // {{env:NAME:default}} and other property placeholders in values (secrets kept out of the file)
        context.getParameters().forEach((name, value) -> given.put(name, value == null ? null
                : context.getCamelContext().resolvePropertyPlaceholders(value.toString())));
        return templates.get(template).bind(given, environment);
    }

    private Deliverer create(TemplateParameters p, String transportName, Transport transport) {
        String partnerId = p.text("partner");
        String dataset = p.text("dataset");
        RetryPolicy retry = new RetryPolicy(p.integer("retryMaxAttempts"), p.duration("retryInitialDelay"),
                p.number("retryMultiplier"), p.duration("retryMaxDelay"), p.number("retryJitter"));
        DeliveryEndpoint endpoint = new DeliveryEndpoint(partnerId, dataset, transportName, p.file("mapping"),
                p.file("contract"), retry, p.integer("circuitFailureRate"), p.integer("circuitMinimumCalls"),
                p.duration("circuitOpenFor"));
        if (endpoints.containsKey(endpoint.id())) {
            throw new IllegalArgumentException("partner '" + partnerId + "' already has a delivery route for dataset '"
                    + dataset + "'; one subscription per partner and dataset");
        }
        CircuitBreaker circuit = CircuitBreaker.of(endpoint.id(), CircuitBreakerConfig.custom()
                .failureRateThreshold(endpoint.circuitFailureRate())
                .minimumNumberOfCalls(endpoint.circuitMinimumCalls())
                .slidingWindowSize(endpoint.circuitMinimumCalls())
                .permittedNumberOfCallsInHalfOpenState(1)
                .waitDurationInOpenState(endpoint.circuitOpenFor())
                .maxWaitDurationInHalfOpenState(endpoint.circuitOpenFor())
                .build());
        Deliverer deliverer = new Deliverer(endpoint, transport, services, circuit);
        queues.ensureSubscription(addressPrefix + dataset, endpoint.subscriptionQueue());
        queues.ensureQueue(endpoint.deadLetterQueue());
        endpoints.put(endpoint.id(), deliverer);
        services.metrics().register(deliverer, services.deadLetters());
        return deliverer;
    }

    /**
     * Forgets the endpoint of a removed route (its queues stay: messages are never dropped) and ends its waits,
     * so that a message held in back-off goes back to the queue for the route that replaces it.
     */
    public void remove(String id) {
        Deliverer removed = endpoints.remove(id);
        if (removed != null) {
            removed.close();
            services.metrics().unregister(id);
        }
    }
}
