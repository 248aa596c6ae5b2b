package vn.gov.lmi.hub.api;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import vn.gov.lmi.hub.problem.ProblemType;

/**
 * Refusals that Spring MVC gives before any route runs (no such path: 404; path without that method: 405)
 * get the same problem documents as the routes' own refusals.
 */
@RestControllerAdvice
class MvcProblemAdvice extends ResponseEntityExceptionHandler {

    private final ProblemResponder problems;
    private final HttpResponses responses;

    MvcProblemAdvice(ProblemResponder problems, HttpResponses responses) {
        this.responses = responses;
        this.problems = problems;
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ProblemType type = switch (statusCode.value()) {
            case 404 -> ProblemType.RESOURCE_NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> statusCode.is4xxClientError() ? ProblemType.INVALID_PARAMETER : ProblemType.INTERNAL_ERROR;
        };
        String detail = switch (type) {
            case RESOURCE_NOT_FOUND -> "no resource at this path; /api/v1/openapi.json lists the API";
            case METHOD_NOT_ALLOWED -> "this resource allows " + String.join(", ", headers.getAllow().stream()
                    .map(Object::toString).sorted().toList());
            case UNSUPPORTED_MEDIA_TYPE -> ex instanceof HttpMediaTypeNotSupportedException unsupported
                    && unsupported.getContentType() != null
                    ? "Content-Type is '" + unsupported.getContentType().getType() + "/" + unsupported.getContentType().getSubtype()
                            + "'; send application/json"
                    : "Content-Type is missing; send application/json";
            case NOT_ACCEPTABLE -> ex instanceof HttpMediaTypeNotAcceptableException notAcceptable
                    && !notAcceptable.getSupportedMediaTypes().isEmpty()
                    ? "this resource is served as " + String.join(" or ", notAcceptable.getSupportedMediaTypes().stream()
                            .map(Object::toString).toList()) + "; the Accept header allows none of them"
                    : "the Accept header allows no media type this resource is served as";
            default -> type.title();
        };
        HttpHeaders answer = new HttpHeaders();
        answer.setContentType(MediaType.valueOf(HttpResponses.PROBLEM_JSON));
        if (!headers.getAllow().isEmpty()) {
            answer.setAllow(headers.getAllow());
        }
        byte[] problem = problems.render(type, detail, List.of()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        answer.set(vn.gov.lmi.hub.trust.HubSigner.SIGNATURE_HEADER, responses.sign(problem, type.status(), null));
        return ResponseEntity.status(type.status()).headers(answer).body(problem);
    }
}
