package vn.gov.lmi.hub.api;

import java.util.List;


import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.catalog.Violation;
import vn.gov.lmi.hub.problem.ProblemDocuments;
import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;

/** Turns any failure of a REST route into an RFC 9457 problem document; unexpected ones never show internals. */
@Component
public class ProblemResponder {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponder.class);

    private final ProblemDocuments documents;
    private final HttpResponses responses;

    public ProblemResponder(ProblemDocuments documents, HttpResponses responses) {
        this.documents = documents;
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
        return documents.render(problem);
    }

    public String render(ProblemType type, String detail, List<Violation> errors) {
        return documents.render(type, detail, errors);
    }
}
