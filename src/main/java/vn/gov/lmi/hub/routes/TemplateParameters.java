package vn.gov.lmi.hub.routes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.convert.DurationStyle;

/**
 * A route's parameters after {@link TemplateDeclaration#check} found nothing wrong, with defaults applied,
 * read by type. Asking for a parameter the template does not declare is a programming error.
 */
public final class TemplateParameters {

    private final String template;
    private final Map<String, String> values;
    private final Path routesDir;

    TemplateParameters(String template, Map<String, String> values, Path routesDir) {
        this.template = template;
        this.values = values;
        this.routesDir = routesDir;
    }

    /** The value, or null when the route gave none and there is no default. */
    public String text(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalStateException("template " + template + " declares no parameter '" + name + "'");
        }
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    public String text(String name, String whenAbsent) {
        String value = text(name);
        return value == null ? whenAbsent : value;
    }

    public int integer(String name) {
        return Integer.parseInt(text(name));
    }

    public double number(String name) {
        return Double.parseDouble(text(name));
    }

    public Duration duration(String name) {
        return DurationStyle.detectAndParse(text(name));
    }

    public Set<String> list(String name) {
        String value = text(name);
        return value == null ? Set.of() : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A file parameter resolved under {@code routes/}, or null when absent. */
    public Path file(String name) {
        String value = text(name);
        return value == null ? null : routesDir.resolve(value).normalize();
    }
}
