package vn.gov.lmi.hub.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.trust.HubSigner;

/**
 * Writes the HTTP answer of a route, signed: the body goes out as the exact bytes the detached JWS in
 * {@code X-JWS-Signature} covers. platform-http would copy every request header into the response, so all
 * headers are dropped first and only the ones the hub means to send are set.
 */
@Component
public class HttpResponses {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    /** Exchange property: the message id of the exchange being answered. */
    static final String MESSAGE_ID = "lmi.messageId";
    /** Exchange property: the JWS the hub sent with its answer, for the message log. */
    static final String SIGNATURE_SENT = "lmi.signatureSent";
    /** Exchange property: the SHA-256 of the answer's body, for the message log. */
    static final String BODY_SHA256 = "lmi.bodySha256";

    private final HubSigner signer;

    public HttpResponses(HubSigner signer) {
        this.signer = signer;
    }

    void respond(Exchange exchange, int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = sign(bytes, status, exchange.getProperty(MESSAGE_ID, String.class));
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType + ";charset=UTF-8");
        message.setHeader(HubSigner.SIGNATURE_HEADER, signature);
        message.setBody(bytes);
        exchange.setProperty(SIGNATURE_SENT, signature);
        exchange.setProperty(BODY_SHA256, vn.gov.lmi.hub.trust.Digests.sha256Hex(bytes));
    }

    /** The detached JWS over an answer: binds the HTTP status, the time and the exchange's message id. */
    String sign(byte[] body, int status, String messageId) {
        Map<String, Object> bound = new LinkedHashMap<>();
        bound.put("iat", Instant.now().getEpochSecond());
        bound.put("lmi-status", status);
        if (messageId != null) {
            bound.put("lmi-message-id", messageId);
        }
        return signer.signDetached(body, bound);
    }
}
