package vn.gov.lmi.hub.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpMethods;

/**
 * OAuth2 {@code client_credentials} access tokens (RFC 6749 §4.4) for partners behind a service-platform gateway
 * (LGSP/NGSP): the hub asks the gateway's token endpoint for a token, authenticating with HTTP Basic (§2.3.1),
 * and its calls carry {@code Authorization: Bearer <token>}.
 * <p>
 * A token is reused until {@code expires_in} minus a safety margin (a tenth of the lifetime, 30 s at most) has
 * passed; a token without {@code expires_in} is reused for 5 minutes at most, one with {@code expires_in} 0
 * never. One caller fetches at a time; the others wait for its token instead of asking for their own.
 * <p>
 * Every failure is retryable: an unreachable token endpoint or a refused client credential concerns every message
 * alike, so the message waits in place, in order, under the route's retry policy (as after a 401 from a REST
 * partner) instead of being judged on its own. The client secret is kept only inside the Basic header value and
 * appears in no failure message.
 */
final class OAuth2ClientCredentials {

    /** How long a token is reused when the token endpoint did not say how long it lives. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    /** The largest margin taken off a token's lifetime. */
    static final Duration MAX_SKEW = Duration.ofSeconds(30);
    /** Lifetimes beyond this are cut to it (a 401 invalidates a token anyway). */
    private static final long MAX_EXPIRES_IN = Duration.ofDays(366).toSeconds();
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Cached(String token, Instant validUntil) {
    }

    private final ProducerTemplate producer;
    private final String tokenUrl;
    private final String endpointUri;
    private final String authorization;
    private final byte[] form;
    private final Clock clock;
    private final AtomicReference<Cached> cached = new AtomicReference<>();
    private final Object fetching = new Object();

    OAuth2ClientCredentials(ProducerTemplate producer, String tokenUrl, String clientId, String clientSecret,
                            String scope, Duration connectTimeout, Duration responseTimeout, Clock clock) {
        URI parsed = URI.create(tokenUrl);
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
            throw new IllegalArgumentException("tokenUrl must be an http or https URL, not '" + tokenUrl + "'");
        }
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        this.producer = producer;
        this.tokenUrl = tokenUrl;
        this.clock = clock;
        // RFC 6749 §2.3.1: client id and secret are form-encoded before they are joined and base64-encoded
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (formEncode(clientId) + ":" + formEncode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        this.form = ("grant_type=client_credentials"
                + (scope == null || scope.isBlank() ? "" : "&scope=" + formEncode(scope))).getBytes(StandardCharsets.UTF_8);
        this.endpointUri = tokenUrl + (tokenUrl.contains("?") ? "&" : "?") + "throwExceptionOnFailure=false&followRedirects=false"
                + "&connectTimeout=" + connectTimeout.toMillis() + "&responseTimeout=" + responseTimeout.toMillis()
                + "&connectionRequestTimeout=" + connectTimeout.toMillis() + OutboundTlsConfiguration.option(tokenUrl);
    }

    /** A valid access token: the cached one while it lasts, else a new one from the token endpoint. */
    String token() {
        Cached current = cached.get();
        if (usable(current)) {
            return current.token();
        }
        synchronized (fetching) {
            // whoever fetched while this caller waited has left a token to share
            current = cached.get();
            if (usable(current)) {
                return current.token();
            }
            Cached fresh = fetch();
            cached.set(fresh);
            return fresh.token();
        }
    }

    /** Forgets {@code token} if it is still the cached one (the partner refused it: 401). */
    void invalidate(String token) {
        cached.updateAndGet(current -> current != null && current.token().equals(token) ? null : current);
    }

    /** The token endpoint, for logs and failure messages. */
    String target() {
        return tokenUrl;
    }

    private boolean usable(Cached current) {
        return current != null && clock.instant().isBefore(current.validUntil());
    }

    private Cached fetch() {
        // the lifetime counts from before the request: the token cannot have been issued earlier
        Instant obtainedAt = clock.instant();
        Exchange answer = producer.send(endpointUri, exchange -> {
            exchange.getIn().setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
            exchange.getIn().setHeader("Accept", "application/json");
            exchange.getIn().setHeader("Authorization", authorization);
            exchange.getIn().setBody(form);
        });
        if (answer.getException() != null) {
            DeliveryFailure failure = RestTransport.classify(answer.getException());
            throw DeliveryFailure.retryable(failure.reason(), "token endpoint " + tokenUrl + ": " + failure.getMessage(),
                    failure.retryAfter());
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = answer.getMessage().getBody(byte[].class);
        if (status < 200 || status >= 300) {
            throw DeliveryFailure.retryable("token-http-" + status, "the token endpoint " + tokenUrl + " answered HTTP "
                    + status + oauthError(body), RestTransport.retryAfter(answer.getMessage().getHeader("Retry-After", String.class)));
        }
        JsonNode token = readJson(body);
        if (token == null || !token.isObject()) {
            throw invalid("an answer that is not a JSON object");
        }
        JsonNode accessToken = token.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || !accessToken.asText().matches("[\\x21-\\x7E]+")) {
            throw invalid("no usable access_token");
        }
        JsonNode type = token.get("token_type");
        if (type != null && !type.isNull() && !"Bearer".equalsIgnoreCase(type.asText())) {
            throw invalid("a token_type other than Bearer");
        }
        Long expiresIn = expiresIn(token.get("expires_in"));
        Instant validUntil;
        if (expiresIn == null) {
            validUntil = obtainedAt.plus(DEFAULT_LIFETIME);
        } else if (expiresIn <= 0) {
            validUntil = obtainedAt;
        } else {
            Duration lifetime = Duration.ofSeconds(Math.min(expiresIn, MAX_EXPIRES_IN));
            Duration skew = lifetime.dividedBy(10).compareTo(MAX_SKEW) < 0 ? lifetime.dividedBy(10) : MAX_SKEW;
            validUntil = obtainedAt.plus(lifetime).minus(skew);
        }
        return new Cached(accessToken.asText(), validUntil);
    }

    private DeliveryFailure invalid(String what) {
        return DeliveryFailure.retryable("token-invalid", "the token endpoint " + tokenUrl + " answered with " + what, null);
    }

    /** {@code expires_in} in seconds, as a JSON number or a numeric string; null when absent or unreadable. */
    private static Long expiresIn(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.asLong();
        }
        if (value.isTextual() && value.asText().trim().matches("-?\\d{1,18}")) {
            return Long.parseLong(value.asText().trim());
        }
        return null;
    }

    /** The RFC 6749 §5.2 {@code error} code of a refusal, for the operator ({@code invalid_client}, …). */
    private static String oauthError(byte[] body) {
        JsonNode answer = readJson(body);
        JsonNode error = answer == null ? null : answer.get("error");
        if (error != null && error.isTextual() && error.asText().matches("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}")) {
            return " (" + error.asText() + ")";
        }
        return "";
    }

    private static JsonNode readJson(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
