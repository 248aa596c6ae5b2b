package vn.gov.lmi.hub.routes;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import vn.gov.lmi.hub.partners.Operation;

/**
 * The hub's route templates as declared in {@code route-templates/<id>.yaml} (on the class path): description,
 * grant and typed parameters, Kamelet-style. Shared parameter sets live in {@code route-templates/groups/} and
 * are pulled in with {@code include}. The Java route bodies ({@code RouteTemplates}) take their parameter list
 * from here, and refuse to start if a declaration has no body or a body no declaration.
 */
public final class TemplateCatalog {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String LOCATION = "classpath:route-templates/";

    private final Map<String, TemplateDeclaration> templates;

    private TemplateCatalog(Map<String, TemplateDeclaration> templates) {
        this.templates = templates;
    }

    /** The declarations shipped with the hub. */
    public static TemplateCatalog load() {
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(TemplateCatalog.class.getClassLoader());
            Map<String, JsonNode> groups = new TreeMap<>();
            for (Resource group : resolver.getResources(LOCATION + "groups/*.yaml")) {
                groups.put(baseName(group), read(group));
            }
            Map<String, TemplateDeclaration> templates = new TreeMap<>();
            for (Resource file : resolver.getResources(LOCATION + "*.yaml")) {
                String id = baseName(file);
                templates.put(id, declaration(id, read(file), groups));
            }
            return new TemplateCatalog(templates);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the route template declarations", e);
        }
    }

    public Optional<TemplateDeclaration> find(String id) {
        return Optional.ofNullable(templates.get(id));
    }

    public TemplateDeclaration get(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("no declaration route-templates/" + id + ".yaml"));
    }

    public List<String> ids() {
        return List.copyOf(templates.keySet());
    }

    /** {@code routes/TEMPLATES.md}: every template with its parameters, generated from the declarations. */
    public String reference() {
        StringBuilder md = new StringBuilder("""
                # Route templates

                Generated from the hub's template declarations by `java -jar target/lmi-hub.jar routes templates`;
                do not edit by hand. A route file uses a template with `templatedRoute` (see `routes/README.md`);
                `routes validate` checks every parameter against this list.

                | template | what it does |
                |---|---|
                """);
        templates.values().forEach(t -> md.append("| [`").append(t.id()).append("`](#").append(t.id()).append(") | ")
                .append(text(t.description())).append(" |\n"));
        for (TemplateDeclaration template : templates.values()) {
            md.append("\n## ").append(template.id()).append("\n\n").append(text(template.description())).append("\n\n");
            if (template.grant() != null) {
                md.append("The partner needs the `").append(template.grant().label()).append("` grant")
                        .append(template.parameters().containsKey("dataset") ? " on the dataset" : " on a dataset")
                        .append(" in `partners.yaml`.\n\n");
            }
            md.append("| parameter | type | default | description |\n|---|---|---|---|\n");
            for (ParameterDeclaration p : template.parameters().values()) {
                md.append("| `").append(p.name()).append("` | ").append(p.type().label()).append(" | ")
                        .append(p.required() ? "**required**" : p.defaultValue() == null || p.defaultValue().isEmpty() ? "none"
                                : "`" + p.defaultValue() + "`")
                        .append(" | ").append(text(p.description() + range(p))).append(" |\n");
            }
        }
        md.append("\n## Parameter types\n\n| type | a value is |\n|---|---|\n");
        for (ParameterType type : ParameterType.values()) {
            md.append("| ").append(type.label()).append(" | ").append(type.form()).append(" |\n");
        }
        return md.toString();
    }

    private static String range(ParameterDeclaration p) {
        String range = p.min() != null && p.max() != null ? " (" + p.min() + " to " + p.max() + ")"
                : p.min() != null ? " (at least " + p.min() + ")" : "";
        return range + (p.requires().isEmpty() ? "" : "; needs " + String.join(" and ", p.requires()));
    }

    /** Plain text in Markdown: table bars and angle brackets (lmi.in.<partner>) shown as written. */
    private static String text(String plain) {
        return plain.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static TemplateDeclaration declaration(String id, JsonNode file, Map<String, JsonNode> groups) {
        Map<String, ParameterDeclaration> parameters = new LinkedHashMap<>();
        List<JsonNode> sources = new ArrayList<>();
        sources.add(file.path("parameters"));
        for (JsonNode include : file.path("include")) {
            JsonNode group = groups.get(include.asText());
            if (group == null) {
                throw new IllegalStateException("route-templates/" + id + ".yaml includes unknown group '" + include.asText() + "'");
            }
            sources.add(group.path("parameters"));
        }
        for (JsonNode source : sources) {
            source.fields().forEachRemaining(entry -> {
                JsonNode p = entry.getValue();
                boolean required = p.path("required").asBoolean(false);
                String defaultValue = p.hasNonNull("default") ? p.get("default").asText() : null;
                if (required && defaultValue != null) {
                    throw new IllegalStateException("route-templates/" + id + ".yaml: parameter '" + entry.getKey()
                            + "' is required and has a default");
                }
                List<String> requires = new ArrayList<>();
                p.path("requires").forEach(other -> requires.add(other.asText()));
                parameters.put(entry.getKey(), new ParameterDeclaration(entry.getKey(),
                        ParameterType.of(p.path("type").asText("string")), required, defaultValue,
                        p.path("description").asText(), p.hasNonNull("min") ? p.get("min").asText() : null,
                        p.hasNonNull("max") ? p.get("max").asText() : null, List.copyOf(requires)));
            });
        }
        String grant = file.path("grant").asText(null);
        return new TemplateDeclaration(id, file.path("description").asText().trim(),
                grant == null ? null : Operation.valueOf(grant.toUpperCase(Locale.ROOT)), parameters);
    }

    private static JsonNode read(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return YAML.readTree(in);
        }
    }

    private static String baseName(Resource resource) {
        String name = resource.getFilename();
        return name.substring(0, name.length() - ".yaml".length());
    }
}
