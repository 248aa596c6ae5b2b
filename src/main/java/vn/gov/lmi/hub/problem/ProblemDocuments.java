package vn.gov.lmi.hub.problem;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.catalog.Violation;

/** Writes RFC 9457 problem documents, the same for REST answers, JMS replies and dead letters. */
@Component
public class ProblemDocuments {

    private final ObjectMapper json;

    public ProblemDocuments(ObjectMapper json) {
        this.json = json;
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
