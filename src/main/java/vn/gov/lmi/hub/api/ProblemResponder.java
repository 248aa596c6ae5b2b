package vn.gov.lmi.hub.api;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.catalog.Violation;
import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;

/** Turns any failure of a REST route into an RFC 9457 problem document; unexpected ones never show internals. */
@Component
public class ProblemResponder {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponder.class);

    private final ObjectMapper json;
    private final HttpResponses responses;

    public ProblemResponder(ObjectMapper json, HttpResponses responses) {
        this.json = json;
        this.responses = responses;
    }

    /** Camel error handler entry: answers with the problem for the exception caught by the route. */
    public void handle(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ProblemException problem;
        if (failure instanceof ProblemException known) {
            problem = known;
        } else {
            log.error("unexpected failure in route {}", exchange.getFromRouteId(), failure);
            problem = new ProblemException(ProblemType.INTERNAL_ERROR,
                    "the request was not completed and nothing was stored; it is safe to retry with the same Idempotency-Key");
        }
        responses.respond(exchange, problem.type().status(), HttpResponses.PROBLEM_JSON, render(problem));
    }

    public String render(ProblemException problem) {
        return render(problem.type(), problem.detail(), problem.errors());
    }

    public String render(ProblemType type, String detail, List<Violation> errors) {
        ObjectNode body = json.createObjectNode()
                .put("type", type.uri().toString())
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", detail);
        if (!errors.isEmpty()) {
            ArrayNode list = body.putArray("errors");
            errors.forEach(e -> list.addObject()
                    .put("index", e.index())
                    .put("pointer", e.pointer())
                    .put("rule", e.rule())
                    .put("message", e.message()));
        }
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("problem document could not be written", e);
        }
    }
}
