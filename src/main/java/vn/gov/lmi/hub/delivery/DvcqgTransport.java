package vn.gov.lmi.hub.delivery;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpMethods;

import vn.gov.lmi.hub.trust.HubSigner;

/**
 * Push to the National Public Service Portal (DVCQG) the way it takes calls: the hub logs in with
 * {@code POST loginUrl {"username", "password"}} and gets a {@code session}, then every call is a
 * {@code POST url} with the header {@code dstcode: <service code>} and a JSON body made of the (mapped) record's
 * fields plus {@code session}, {@code madonvi} (the agency code) and {@code service} (the operation), which the
 * transport sets over any same-named record fields. The delivery id, signature, attempt and redelivery flag
 * travel in the same headers as for REST push.
 * <p>
 * The portal answers HTTP 200 with {@code {"error_code": …, "message": …}}: 0 is success; a code of
 * {@code sessionExpiredCodes} makes the transport log in again and call once more; a code of
 * {@code retryableCodes} is retried later; any other code is the portal refusing this message (dead letter).
 * HTTP errors are classified as for REST push. One session is shared by all calls until the portal says it expired.
 * Neither the password nor the session appears in a failure message.
 */
final class DvcqgTransport implements Transport {

    /** Longest part of the portal's own message kept in a failure message. */
    static final int MAX_PORTAL_MESSAGE = 200;
    /** Answers about this one message (its content or form): retrying the same bytes cannot help. */
    private static final Set<Integer> MESSAGE_ERRORS = Set.of(400, 409, 413, 415, 422);

    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final String loginUrl;
    private final String loginEndpointUri;
    private final String username;
    private final String password;
    private final String url;
    private final String endpointUri;
    private final String dstcode;
    private final String madonvi;
    private final String service;
    private final Set<String> sessionExpiredCodes;
    private final Set<String> retryableCodes;
    private final AtomicReference<String> session = new AtomicReference<>();
    private final Object loggingIn = new Object();

    DvcqgTransport(ProducerTemplate producer, ObjectMapper json, String loginUrl, String username, String password,
                   String url, String dstcode, String madonvi, String service, Set<String> sessionExpiredCodes,
                   Set<String> retryableCodes, Duration connectTimeout, Duration responseTimeout) {
        this.producer = producer;
        this.json = json;
        this.loginUrl = loginUrl;
        this.loginEndpointUri = endpointUri("loginUrl", loginUrl, connectTimeout, responseTimeout);
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.url = url;
        this.endpointUri = endpointUri("url", url, connectTimeout, responseTimeout);
        this.dstcode = Objects.requireNonNull(dstcode, "dstcode");
        this.madonvi = Objects.requireNonNull(madonvi, "madonvi");
        this.service = Objects.requireNonNull(service, "service");
        this.sessionExpiredCodes = Set.copyOf(sessionExpiredCodes);
        this.retryableCodes = Set.copyOf(retryableCodes);
    }

    private static String endpointUri(String name, String url, Duration connectTimeout, Duration responseTimeout) {
        URI parsed = URI.create(url);
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
            throw new IllegalArgumentException(name + " must be an http or https URL, not '" + url + "'");
        }
        return url + (url.contains("?") ? "&" : "?") + "throwExceptionOnFailure=false&followRedirects=false"
                + "&connectTimeout=" + connectTimeout.toMillis() + "&responseTimeout=" + responseTimeout.toMillis()
                + "&connectionRequestTimeout=" + connectTimeout.toMillis() + OutboundTlsConfiguration.option(url);
    }

    @Override
    public void send(OutgoingDelivery delivery) {
        ObjectNode record = record(delivery);
        String current = session();
        Answer answer = call(delivery, record, current);
        if (answer.code() != null && sessionExpiredCodes.contains(answer.code())) {
            // the portal ended the session: log in again (unless another call already did) and call once more
            session.compareAndSet(current, null);
            current = session();
            answer = call(delivery, record, current);
            if (answer.code() != null && sessionExpiredCodes.contains(answer.code())) {
                session.compareAndSet(current, null);
                throw DeliveryFailure.retryable("dvcqg-session-expired", "the portal at " + url
                        + " reported the session expired (error_code " + answer.code() + ") right after a new login", null);
            }
        }
        if (answer.failure() != null) {
            throw RestTransport.classify(answer.failure());
        }
        if (!answer.ok()) {
            // the answer body is not kept: it may echo the record back
            String message = "the portal at " + url + " answered HTTP " + answer.status();
            if (MESSAGE_ERRORS.contains(answer.status())) {
                throw DeliveryFailure.permanent("http-" + answer.status(), message + ": the portal refuses this message");
            }
            throw DeliveryFailure.retryable("http-" + answer.status(), message, answer.retryAfter());
        }
        String code = answer.code();
        if (code == null) {
            // a 2xx without an error_code is no confirmation from the portal (a proxy's page, a changed API)
            throw DeliveryFailure.retryable("dvcqg-answer-invalid", "the portal at " + url + " answered HTTP "
                    + answer.status() + " without a JSON error_code", answer.retryAfter());
        }
        if (code.equals("0")) {
            return;
        }
        if (retryableCodes.contains(code)) {
            throw DeliveryFailure.retryable("dvcqg-error-" + reasonPart(code), "the portal at " + url
                    + " answered error_code " + code, answer.retryAfter());
        }
        String portalMessage = text(answer.json(), "message");
        throw DeliveryFailure.permanent("dvcqg-error-" + reasonPart(code), "the portal at " + url
                + " refused the message with error_code " + code + (portalMessage == null ? "" : ": " + truncate(portalMessage)));
    }

    @Override
    public String target() {
        return url;
    }

    private ObjectNode record(OutgoingDelivery delivery) {
        JsonNode record;
        try {
            record = delivery.body() == null ? null : json.readTree(delivery.body());
        } catch (IOException notJson) {
            record = null;
        }
        if (record == null || !record.isObject()) {
            throw DeliveryFailure.permanent("dvcqg-body-not-object", "a DVCQG call needs a JSON object to send as its body");
        }
        return (ObjectNode) record;
    }

    private Answer call(OutgoingDelivery delivery, ObjectNode record, String currentSession) {
        ObjectNode body = record.deepCopy();
        // the transport's own fields win over same-named record fields, and come last
        body.remove(Set.of("session", "madonvi", "service"));
        body.put("session", currentSession);
        body.put("madonvi", madonvi);
        body.put("service", service);
        byte[] bytes = write(body);
        return answer(producer.send(endpointUri, exchange -> {
            exchange.getIn().setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getIn().setHeader("dstcode", dstcode);
            exchange.getIn().setHeader("Idempotency-Key", delivery.deliveryId());
            exchange.getIn().setHeader(HubSigner.SIGNATURE_HEADER, delivery.signature());
            exchange.getIn().setHeader(RestTransport.ATTEMPT_HEADER, delivery.attempt());
            exchange.getIn().setHeader(RestTransport.REDELIVERY_HEADER, delivery.redelivery());
            exchange.getIn().setBody(bytes);
        }));
    }

    /** The shared session: the current one, or a new one from a login (one caller logs in at a time). */
    private String session() {
        String current = session.get();
        if (current != null) {
            return current;
        }
        synchronized (loggingIn) {
            current = session.get();
            if (current == null) {
                current = login();
                session.set(current);
            }
            return current;
        }
    }

    private String login() {
        ObjectNode credentials = json.createObjectNode();
        credentials.put("username", username);
        credentials.put("password", password);
        byte[] bytes = write(credentials);
        Answer answer = answer(producer.send(loginEndpointUri, exchange -> {
            exchange.getIn().setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getIn().setBody(bytes);
        }));
        if (answer.failure() != null) {
            DeliveryFailure failure = RestTransport.classify(answer.failure());
            throw DeliveryFailure.retryable(failure.reason(), "login at " + loginUrl + ": " + failure.getMessage(),
                    failure.retryAfter());
        }
        if (!answer.ok()) {
            throw DeliveryFailure.retryable("dvcqg-login-http-" + answer.status(), "the portal login at " + loginUrl
                    + " answered HTTP " + answer.status(), answer.retryAfter());
        }
        String newSession = text(answer.json(), "session");
        boolean noSession = newSession == null || newSession.isBlank();
        if (!"0".equals(answer.code()) || noSession) {
            // the portal's message is left out: it may repeat what was sent
            throw DeliveryFailure.retryable("dvcqg-login-refused", "the portal at " + loginUrl + " refused the login"
                    + (answer.code() == null ? " (no error_code)" : " (error_code " + answer.code() + ")")
                    + (noSession ? " and gave no session" : ""), null);
        }
        return newSession;
    }

    private byte[] write(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw DeliveryFailure.permanent("mapping-error", "the DVCQG message cannot be written: " + e.getMessage());
        }
    }

    /** What came back from one HTTP call, read once. */
    private record Answer(Exception failure, int status, JsonNode json, Duration retryAfter) {

        boolean ok() {
            return failure == null && status >= 200 && status < 300;
        }

        /** {@code error_code} of a 2xx JSON answer as text (the portal sends a number or a string); null otherwise. */
        String code() {
            JsonNode code = ok() && json instanceof ObjectNode object ? object.get("error_code") : null;
            if (code == null || code.isNull() || !code.isValueNode()) {
                return null;
            }
            return code.isIntegralNumber() ? code.bigIntegerValue().toString() : code.asText().trim();
        }
    }

    private Answer answer(Exchange exchange) {
        if (exchange.getException() != null) {
            return new Answer(exchange.getException(), 0, null, null);
        }
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        JsonNode parsed = null;
        if (body != null && body.length > 0) {
            try {
                parsed = json.readTree(body);
            } catch (IOException notJson) {
                parsed = null;
            }
        }
        return new Answer(null, status, parsed,
                RestTransport.retryAfter(exchange.getMessage().getHeader("Retry-After", String.class)));
    }

    private static String text(JsonNode answer, String field) {
        JsonNode value = answer instanceof ObjectNode object ? object.get(field) : null;
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static String truncate(String message) {
        if (message.length() <= MAX_PORTAL_MESSAGE) {
            return message;
        }
        int end = Character.isHighSurrogate(message.charAt(MAX_PORTAL_MESSAGE - 1)) ? MAX_PORTAL_MESSAGE - 1 : MAX_PORTAL_MESSAGE;
        return message.substring(0, end) + "…";
    }

    /** A portal code as part of a failure reason: kept short and to safe characters. */
    private static String reasonPart(String code) {
        String safe = code.replaceAll("[^A-Za-z0-9_.-]", "_");
        return safe.length() <= 32 ? safe : safe.substring(0, 32);
    }
}
