package vn.gov.lmi.hub.routes;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.springframework.boot.convert.DurationStyle;

/**
 * The type of a template parameter, as its declaration names it. Each checks the form of a value; the types
 * that name something ({@code partner}, {@code dataset}, {@code file}) are looked up by {@link TemplateDeclaration}.
 */
public enum ParameterType {
    STRING("text"),
    SECRET("text not to be written in the file: {{env:NAME}} takes it from the environment"),
    INTEGER("whole number"),
    NUMBER("number"),
    DURATION("duration such as 500ms, 5s or 2m"),
    URL("absolute http or https URL"),
    LIST("comma-separated list"),
    QUEUE("queue name of letters, digits, '.', '_' and '-'"),
    POINTER("JSON Pointer (RFC 6901) such as /data"),
    PARTNER("partner id in partners.yaml"),
    DATASET("dataset id of the catalog (schemas/)"),
    FILE("file path relative to routes/");

    private final String form;

    ParameterType(String form) {
        this.form = form;
    }

    /** The word used in declaration files and in {@code routes/TEMPLATES.md}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What a value of this type looks like, for messages and the reference. */
    public String form() {
        return form;
    }

    static ParameterType of(String label) {
        for (ParameterType type : values()) {
            if (type.label().equals(label)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown parameter type '" + label + "'");
    }

    /** Why {@code value} is not of this type, or null when it is. */
    String problem(String value) {
        switch (this) {
            case INTEGER:
                return value.matches("-?\\d{1,9}") ? null : "must be a whole number, not '" + value + "'";
            case NUMBER:
                try {
                    return Double.isFinite(Double.parseDouble(value)) ? null : "must be a finite number, not '" + value + "'";
                } catch (NumberFormatException e) {
                    return "must be a number, not '" + value + "'";
                }
            case DURATION:
                try {
                    DurationStyle.detectAndParse(value);
                    return null;
                } catch (IllegalArgumentException e) {
                    return "must be a duration such as 500ms, 5s or 2m, not '" + value + "'";
                }
            case URL:
                return urlProblem(value);
            case POINTER:
                return value.startsWith("/") ? null : "must be a JSON Pointer starting with '/', such as /data, not '" + value + "'";
            case QUEUE:
                return value.matches("[A-Za-z0-9._-]+") ? null
                        : "must be a queue name of letters, digits, '.', '_' and '-', not '" + value + "'";
            default:
                return null;
        }
    }

    /** Why {@code value} (of this type's form) is below {@code min} or above {@code max}, or null. */
    String rangeProblem(String value, String min, String max) {
        if (this == DURATION) {
            java.time.Duration given = DurationStyle.detectAndParse(value);
            return min != null && given.compareTo(DurationStyle.detectAndParse(min)) < 0 ? "must be at least " + min + ", not '" + value + "'" : null;
        }
        if (this != INTEGER && this != NUMBER) {
            return null;
        }
        double given = Double.parseDouble(value);
        if (min != null && given < Double.parseDouble(min)) {
            return "must be at least " + min + ", not '" + value + "'";
        }
        if (max != null && given > Double.parseDouble(max)) {
            return "must be at most " + max + ", not '" + value + "'";
        }
        return null;
    }

    private static String urlProblem(String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return null;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        return "must be an absolute http or https URL with a host, not '" + value + "'";
    }
}
