package vn.gov.lmi.hub.delivery;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.http.base.HttpOperationFailedException;

import vn.gov.lmi.hub.trust.HubSigner;

/**
 * REST push through camel-http: {@code POST} of the JSON body with {@code Idempotency-Key} = delivery id,
 * {@code X-JWS-Signature}, and {@code Lmi-Delivery-Attempt} / {@code Lmi-Redelivery} so that the partner can tell
 * a retry from a new message.
 * <p>
 * With an {@link OAuth2ClientCredentials} token source (partners behind a service-platform gateway) every call
 * carries {@code Authorization: Bearer <token>}; a 401 makes the transport drop that token, fetch a fresh one
 * and call once more before it reports the failure.
 */
final class RestTransport implements Transport {

    static final String ATTEMPT_HEADER = "Lmi-Delivery-Attempt";
    static final String REDELIVERY_HEADER = "Lmi-Redelivery";
    /** Answers about this one message (its content or form): retrying the same bytes cannot help. */
    private static final java.util.Set<Integer> MESSAGE_ERRORS = java.util.Set.of(400, 409, 413, 415, 422);

    private final ProducerTemplate producer;
    private final String url;
    private final String endpointUri;
    /** The camel-http endpoint, resolved on first use rather than looked up by its URI for every call. */
    private volatile Endpoint endpoint;
    private final OAuth2ClientCredentials tokens;

    /** {@code tokens}: where bearer tokens come from; null for a partner that takes calls without one. */
    RestTransport(ProducerTemplate producer, String url, Duration connectTimeout, Duration responseTimeout,
                  OAuth2ClientCredentials tokens) {
        URI parsed = URI.create(url);
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
            throw new IllegalArgumentException("url must be an http or https URL, not '" + url + "'");
        }
        this.producer = producer;
        this.url = url;
        this.tokens = tokens;
        this.endpointUri = url + (url.contains("?") ? "&" : "?") + "throwExceptionOnFailure=false&followRedirects=false"
                + "&connectTimeout=" + connectTimeout.toMillis() + "&responseTimeout=" + responseTimeout.toMillis()
                + "&connectionRequestTimeout=" + connectTimeout.toMillis() + OutboundTlsConfiguration.option(url);
    }

    @Override
    public void send(OutgoingDelivery delivery) {
        String token = tokens == null ? null : tokens.token();
        Exchange answer = post(delivery, token);
        if (token != null && answer.getException() == null
                && answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class) == 401) {
            // the gateway may have revoked the token before its expiry: one more call with a fresh token; a second
            // 401 is a refused client and is reported like any 401
            tokens.invalidate(token);
            answer = post(delivery, tokens.token());
        }
        Exception failure = answer.getException();
        if (failure != null) {
            throw classify(failure);
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 200 && status < 300) {
            return;
        }
        // the partner's answer body is not kept: it may echo the record back
        String message = "partner answered HTTP " + status;
        if (MESSAGE_ERRORS.contains(status)) {
            throw DeliveryFailure.permanent("http-" + status, message + ": the partner refuses this message");
        }
        // 5xx, 408, 429, and 401/403/404/405…: the endpoint is unavailable or misconfigured for every message
        // alike; retrying (and the circuit breaker) holds the stream in order instead of dead-lettering it all
        throw DeliveryFailure.retryable("http-" + status, message,
                retryAfter(answer.getMessage().getHeader("Retry-After", String.class)));
    }

    private Exchange post(OutgoingDelivery delivery, String token) {
        Endpoint target = endpoint;
        if (target == null) {
            target = producer.getCamelContext().getEndpoint(endpointUri);
            endpoint = target;
        }
        return producer.send(target, exchange -> {
            exchange.getIn().setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getIn().setHeader("Idempotency-Key", delivery.deliveryId());
            exchange.getIn().setHeader(HubSigner.SIGNATURE_HEADER, delivery.signature());
            exchange.getIn().setHeader(ATTEMPT_HEADER, delivery.attempt());
            exchange.getIn().setHeader(REDELIVERY_HEADER, delivery.redelivery());
            if (token != null) {
                exchange.getIn().setHeader("Authorization", "Bearer " + token);
            }
            exchange.getIn().setBody(delivery.body());
        });
    }

    @Override
    public String target() {
        return url;
    }

    static DeliveryFailure classify(Exception failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof SocketTimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return DeliveryFailure.retryable("timeout", "no answer in time: " + cause.getMessage(), null);
            }
            if (cause instanceof IOException) {
                return DeliveryFailure.retryable("connection", cause.getClass().getSimpleName() + ": " + cause.getMessage(), null);
            }
            if (cause instanceof HttpOperationFailedException http) {
                return DeliveryFailure.retryable("http-" + http.getStatusCode(), http.getMessage(), null);
            }
            cause = cause.getCause();
        }
        return DeliveryFailure.retryable("error", failure.toString(), null);
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
