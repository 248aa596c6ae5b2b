package vn.gov.lmi.hub.problem;

import java.util.List;

import vn.gov.lmi.hub.catalog.Violation;

/** A refusal with everything the caller needs to fix the request; never carries a stack trace to them. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final transient List<Violation> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<Violation> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    public List<Violation> errors() {
        return errors;
    }
}
