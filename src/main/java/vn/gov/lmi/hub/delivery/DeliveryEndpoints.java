package vn.gov.lmi.hub.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.partners.Operation;
import vn.gov.lmi.hub.partners.Partner;
import vn.gov.lmi.hub.partners.PartnerRegistry;
import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.system.HubProperties;

/**
 * Builds a {@link Deliverer} from the parameters of a delivery route (see {@link DeliveryTemplates}) and keeps
 * every endpoint by id for the operator API, metrics and health. Building checks everything a route names:
 * the partner and its {@code subscribe} grant, the dataset, the mapping and contract files, the retry numbers,
 * and creates the subscription and dead-letter queues before the route consumes.
 */
@Component
public class DeliveryEndpoints {

    private final Map<String, Deliverer> endpoints = new ConcurrentHashMap<>();
    private final DeliveryServices services;
    private final BrokerQueues queues;
    private final PartnerRegistry registry;
    private final DatasetCatalog catalog;
    private final ProducerTemplate producer;
    private final vn.gov.lmi.hub.trust.HubSigner signer;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final ConnectionFactory connectionFactory;
    private final Path routesDir;
    private final boolean allowPlainHttp;
    private final String addressPrefix;

    public DeliveryEndpoints(DeliveryServices services, BrokerQueues queues, PartnerRegistry registry,
                             DatasetCatalog catalog, ProducerTemplate producer, ConnectionFactory connectionFactory,
                             HubProperties properties, vn.gov.lmi.hub.trust.HubSigner signer,
                             com.fasterxml.jackson.databind.ObjectMapper json) {
        this.signer = signer;
        this.json = json;
        this.services = services;
        this.queues = queues;
        this.registry = registry;
        this.catalog = catalog;
        this.producer = producer;
        this.connectionFactory = connectionFactory;
        this.routesDir = properties.routesDir();
        this.allowPlainHttp = properties.events().allowPlainHttpDelivery();
        this.addressPrefix = properties.events().addressPrefix();
    }

    public Optional<Deliverer> find(String id) {
        return Optional.ofNullable(endpoints.get(id));
    }

    public Collection<Deliverer> all() {
        return endpoints.values();
    }

    Deliverer restPush(RouteTemplateContext parameters) {
        return create(parameters, "rest", endpoint -> new RestTransport(producer, secureUrl(parameters),
                duration(parameters, "connectTimeout"), duration(parameters, "responseTimeout")));
    }

    Deliverer soapPush(RouteTemplateContext parameters) {
        return create(parameters, "soap", endpoint -> new SoapTransport(producer, secureUrl(parameters),
                required(parameters, "namespace"), required(parameters, "operation"),
                optional(parameters, "soapAction") == null ? "" : optional(parameters, "soapAction"), signer, json,
                duration(parameters, "connectTimeout"), duration(parameters, "responseTimeout")));
    }

    Deliverer jmsPush(RouteTemplateContext parameters) {
        String brokerUrl = optional(parameters, "brokerUrl");
        // a remote broker: one cached connection per endpoint, not one per message
        ConnectionFactory target = brokerUrl == null ? connectionFactory
                : new org.springframework.jms.connection.CachingConnectionFactory(new ActiveMQConnectionFactory(brokerUrl,
                        optional(parameters, "brokerUser"), optional(parameters, "brokerPassword")));
        return create(parameters, "jms", endpoint -> new JmsTransport(target, required(parameters, "queue"),
                brokerUrl == null ? "the hub's broker" : brokerUrl));
    }

    private interface TransportFactory {
        Transport create(DeliveryEndpoint endpoint);
    }

    private Deliverer create(RouteTemplateContext parameters, String transportName, TransportFactory transports) {
        java.util.Set<String> declared = RouteTemplates.parameters(transportName);
        java.util.List<String> unknown = parameters.getParameters().keySet().stream()
                .filter(name -> !declared.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown parameter(s) " + unknown + " for the " + transportName
                    + "-push template; known: " + new java.util.TreeSet<>(declared));
        }
        String partnerId = required(parameters, "partner");
        String dataset = required(parameters, "dataset");
        if (catalog.find(dataset).isEmpty()) {
            throw new IllegalArgumentException("dataset '" + dataset + "' is not in the catalog");
        }
        Partner partner = registry.find(partnerId).orElseThrow(() -> new IllegalArgumentException(
                "partner '" + partnerId + "' is not in the partner registry"));
        if (partner.grant(dataset, Operation.SUBSCRIBE).isEmpty()) {
            throw new IllegalArgumentException("partner '" + partnerId + "' has no 'subscribe' grant on dataset '"
                    + dataset + "' in the partner registry");
        }
        RetryPolicy retry = new RetryPolicy(integer(parameters, "retryMaxAttempts"), duration(parameters, "retryInitialDelay"),
                decimal(parameters, "retryMultiplier"), duration(parameters, "retryMaxDelay"), decimal(parameters, "retryJitter"));
        DeliveryEndpoint endpoint = new DeliveryEndpoint(partnerId, dataset, transportName, file(parameters, "mapping"),
                file(parameters, "contract"), retry, integer(parameters, "circuitFailureRate"),
                integer(parameters, "circuitMinimumCalls"), duration(parameters, "circuitOpenFor"));
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
        Deliverer deliverer = new Deliverer(endpoint, transports.create(endpoint), services, circuit);
        queues.ensureSubscription(addressPrefix + dataset, endpoint.subscriptionQueue());
        queues.ensureQueue(endpoint.deadLetterQueue());
        endpoints.put(endpoint.id(), deliverer);
        services.metrics().register(deliverer, services.deadLetters());
        return deliverer;
    }

    /** Forgets an endpoint whose route was removed (its queues stay: messages are never dropped). */
    void remove(String id) {
        endpoints.remove(id);
    }

    /** The partner URL, which must be https unless plain http is allowed for deliveries. */
    private String secureUrl(RouteTemplateContext parameters) {
        String url = required(parameters, "url");
        if (url.startsWith("http:") && !allowPlainHttp) {
            throw new IllegalArgumentException("url '" + url + "' is plain http: deliveries carry personal data and go over "
                    + "https only (set hub.events.allow-plain-http-delivery=true for a partner on a protected network)");
        }
        return url;
    }

    private static String required(RouteTemplateContext parameters, String name) {
        String value = optional(parameters, name);
        if (value == null) {
            throw new IllegalArgumentException("parameter '" + name + "' is required");
        }
        return value;
    }

    private static String optional(RouteTemplateContext parameters, String name) {
        Object value = parameters.getProperty(name);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static int integer(RouteTemplateContext parameters, String name) {
        String value = required(parameters, name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a whole number, not '" + value + "'");
        }
    }

    private static double decimal(RouteTemplateContext parameters, String name) {
        String value = required(parameters, name);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a number, not '" + value + "'");
        }
    }

    private static Duration duration(RouteTemplateContext parameters, String name) {
        String value = required(parameters, name);
        try {
            return DurationStyle.detectAndParse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a duration such as 500ms, 5s or 2m, not '"
                    + value + "'");
        }
    }

    private Path file(RouteTemplateContext parameters, String name) {
        String value = optional(parameters, name);
        if (value == null) {
            return null;
        }
        Path file = routesDir.resolve(value).normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("parameter '" + name + "': file '" + value + "' does not exist under "
                    + routesDir);
        }
        return file;
    }
}
