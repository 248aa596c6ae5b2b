package vn.gov.lmi.hub.api;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Writes the HTTP answer of a route. platform-http would copy every request header into the response, so
 * all headers are dropped first and only the ones the hub means to send are set.
 */
final class HttpResponses {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private HttpResponses() {
    }

    static void respond(Exchange exchange, int status, String contentType, String body) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType + ";charset=UTF-8");
        message.setBody(body);
    }
}
