package vn.gov.lmi.hub.routes;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.EndpointUriFactory;

/**
 * Checks the engineers' workspace, {@code routes/}, the way the hub will read it, and reports every problem as
 * {@code file:line: message}. The running hub loads a route file only when this finds nothing wrong with it;
 * {@code routes validate} prints what it finds.
 * <ul>
 *   <li>every route file parses as YAML and satisfies Camel's YAML DSL schema;</li>
 *   <li>a {@code templatedRoute} names a known template, its parameters are declared, present when required,
 *       of their type, and the partners, grants, datasets, mappings and contract files they name exist;</li>
 *   <li>a route lives in its partner's folder, route ids and partner-dataset subscriptions are unique;</li>
 *   <li>a {@code routeTemplate} written in YAML uses every parameter it declares;</li>
 *   <li>endpoint URIs name a known component and only its options; route configurations referred to exist;</li>
 *   <li>every JSLT mapping compiles; mapping examples and route tests are well-formed.</li>
 * </ul>
 */
public final class RouteChecker {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_-]+)}}");
    /** Keys whose text value is an endpoint URI ({@code to: "log:x"} is short for {@code to: {uri: "log:x"}}). */
    private static final Set<String> URI_KEYS = Set.of("uri", "to", "from");
    private static volatile JsonSchema camelYamlDsl;

    private final TemplateCatalog templates;
    private final RouteEnvironment environment;
    private final CamelContext endpointCatalog;

    public RouteChecker(TemplateCatalog templates, RouteEnvironment environment) {
        this.templates = templates;
        this.environment = environment;
        // not started: only asked which components exist and which options they take
        this.endpointCatalog = new DefaultCamelContext(false);
    }

    /** What a route file defines, for the checks across files. */
    private record Defined(String file, int line) {
    }

    /** Every problem in the workspace, sorted by file and line; file names relative to {@code routes/}. */
    public List<RouteProblem> checkAll() {
        Path dir = environment.routesDir();
        List<RouteProblem> problems = new ArrayList<>();
        Map<String, Defined> routeIds = new HashMap<>();
        Map<String, Defined> subscriptions = new HashMap<>();
        Set<String> configurations = new TreeSet<>();
        Map<String, ParsedFile> parsed = new LinkedHashMap<>();
        for (Path file : routeFiles(dir)) {
            ParsedFile one = parse(file, problems);
            if (one != null) {
                parsed.put(name(file), one);
                configurations.addAll(one.configurationIds());
            }
        }
        for (Map.Entry<String, ParsedFile> entry : parsed.entrySet()) {
            problems.addAll(entry.getValue().check(configurations, routeIds, subscriptions));
        }
        for (Path mapping : files(dir, ".jslt")) {
            mappingProblem(mapping).ifPresent(problems::add);
        }
        for (Path examples : files(dir, ".examples.yaml")) {
            problems.addAll(MappingExamples.problems(examples, name(examples)));
        }
        for (Path test : testFiles(dir)) {
            problems.addAll(RouteTestCase.problems(test, name(test), routeIds.keySet()));
        }
        return problems.stream().sorted().toList();
    }

    /**
     * The problems of one route file's {@code content} as the running hub would load it, judged with the route ids
     * the hub already runs from elsewhere so that a duplicate is caught; route configurations are those in
     * {@code routes/}. The content is passed in so that what is judged is exactly what is then loaded.
     */
    public List<RouteProblem> check(Path file, String content, Map<String, String> routeIdsElsewhere) {
        List<RouteProblem> problems = new ArrayList<>();
        Set<String> configurations = new TreeSet<>();
        for (Path other : routeFiles(environment.routesDir())) {
            ParsedFile one = other.equals(file) ? null : parse(other, new ArrayList<>());
            if (one != null) {
                configurations.addAll(one.configurationIds());
            }
        }
        ParsedFile parsed = parse(file, content, problems);
        if (parsed != null) {
            configurations.addAll(parsed.configurationIds());
            Map<String, Defined> routeIds = new HashMap<>();
            routeIdsElsewhere.forEach((id, where) -> routeIds.put(id, new Defined(where, 0)));
            problems.addAll(parsed.check(configurations, routeIds, new HashMap<>()));
        }
        return problems.stream().sorted().toList();
    }

    /** A templatedRoute's parameters by name, as written (a YAML null is absent). */
    static Map<String, String> parameters(JsonNode templatedRoute) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode parameter : templatedRoute.path("parameters")) {
            JsonNode value = parameter.path("value");
            values.put(parameter.path("name").asText(), value.isNull() || value.isMissingNode() ? null : value.asText());
        }
        return values;
    }

    /**
     * Route files in load order: {@code routes/*.yaml} (shared, except the partner registry), then
     * {@code routes/<partner>/*.yaml}.
     */
    public static List<Path> routeFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> top = Files.list(dir)) {
            List<Path> entries = top.sorted().toList();
            // shared files (route configurations) first: partner routes refer to them
            entries.stream().filter(e -> !Files.isDirectory(e) && isRouteFile(e)
                    && !e.getFileName().toString().equals("partners.yaml")).forEach(files::add);
            for (Path folder : entries.stream().filter(Files::isDirectory).toList()) {
                try (Stream<Path> inFolder = Files.list(folder)) {
                    inFolder.filter(RouteChecker::isRouteFile).sorted().forEach(files::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
        return files;
    }

    private static boolean isRouteFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") && !name.endsWith(".examples.yaml") && Files.isRegularFile(file);
    }

    private List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(f -> f.getFileName().toString().endsWith(suffix) && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    static List<Path> testFiles(Path dir) {
        List<Path> tests = new ArrayList<>();
        for (Path folder : partnerFolders(dir)) {
            Path testDir = folder.resolve("tests");
            if (Files.isDirectory(testDir)) {
                try (Stream<Path> inTests = Files.list(testDir)) {
                    inTests.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().forEach(tests::add);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot list " + testDir, e);
                }
            }
        }
        return tests;
    }

    static List<Path> partnerFolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> top = Files.list(dir)) {
            return top.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    private String name(Path file) {
        return environment.routesDir().relativize(file).toString().replace('\\', '/');
    }

    private java.util.Optional<RouteProblem> mappingProblem(Path mapping) {
        try {
            Parser.compileString(Files.readString(mapping, StandardCharsets.UTF_8));
            return java.util.Optional.empty();
        } catch (JsltException e) {
            // the parser's first line says what and where: Parse error: Encountered " "}" "} "" at line 3, column 1.
            String first = e.getMessage().lines().findFirst().orElse("").replaceAll("Encountered \" \"(.+?)\" \"[^\"]*\"\"", "Encountered \"$1\"");
            java.util.regex.Matcher at = Pattern.compile("at line (\\d+)").matcher(first);
            int line = at.find() ? Integer.parseInt(at.group(1)) : Math.max(1, e.getLine());
            return java.util.Optional.of(new RouteProblem(name(mapping), line, "mapping does not compile: " + first));
        } catch (IOException e) {
            return java.util.Optional.of(new RouteProblem(name(mapping), 1, "cannot be read: " + e.getMessage()));
        }
    }

    private ParsedFile parse(Path file, List<RouteProblem> problems) {
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8), problems);
        } catch (IOException e) {
            problems.add(new RouteProblem(name(file), 1, "cannot be read: " + e.getMessage()));
            return null;
        }
    }

    private ParsedFile parse(Path file, String content, List<RouteProblem> problems) {
        String name = name(file);
        YamlSource source;
        try {
            source = YamlSource.parse(content, name);
        } catch (YamlSource.Unreadable e) {
            problems.add(new RouteProblem(name, e.line(), e.getMessage()));
            return null;
        }
        List<RouteProblem> structure = structureProblems(name, source);
        problems.addAll(structure);
        if (!structure.isEmpty()) {
            return null;
        }
        Path folder = environment.routesDir().relativize(file).getNameCount() > 1
                ? environment.routesDir().relativize(file).getName(0) : null;
        return new ParsedFile(name, folder == null ? null : folder.toString(), source);
    }

    /** Camel's own YAML DSL schema (shipped in camel-yaml-dsl): what Camel would refuse to parse. */
    private static List<RouteProblem> structureProblems(String file, YamlSource source) {
        JsonNode root = source.root();
        if (root.isNull() || (root.isArray() && root.isEmpty())) {
            return List.of(new RouteProblem(file, 1, "empty: a route file is a YAML list of routes, templatedRoutes, "
                    + "routeTemplates or routeConfigurations"));
        }
        if (!root.isArray()) {
            return List.of(new RouteProblem(file, 1, "must be a YAML list (each item starts with '- '), as in Camel's YAML DSL"));
        }
        // a oneOf/anyOf that failed reports every branch; the violations inside the branch that was meant say more
        List<ValidationMessage> violations = List.copyOf(camelYamlDsl().validate(root));
        List<String> specific = violations.stream().filter(v -> !alternative(v))
                .map(v -> pointer(v.getInstanceLocation())).toList();
        Set<String> seen = new LinkedHashSet<>();
        List<RouteProblem> problems = new ArrayList<>();
        for (ValidationMessage violation : violations) {
            String pointer = pointer(violation.getInstanceLocation());
            String message;
            if (alternative(violation)) {
                if (specific.stream().anyMatch(p -> p.startsWith(pointer))) {
                    continue;
                }
                message = "'" + lastName(pointer) + "' is none of the forms Camel's YAML DSL accepts here";
            } else {
                message = describe(violation, pointer);
            }
            String at = "additionalProperties".equals(violation.getType())
                    ? pointer + "/" + violation.getProperty() + "#key" : pointer;
            if (seen.add(pointer + message)) {
                problems.add(new RouteProblem(file, source.line(at), message));
            }
        }
        return problems;
    }

    /** A violation that only says no alternative matched (oneOf, anyOf, not, or a branch's required key). */
    private static boolean alternative(ValidationMessage violation) {
        String type = violation.getType();
        return type.equals("oneOf") || type.equals("anyOf") || type.equals("not")
                || (type.equals("required") && violation.getEvaluationPath().toString().matches(".*(oneOf|anyOf|not).*"));
    }

    private static String describe(ValidationMessage violation, String pointer) {
        String where = pointer.isEmpty() ? "the file" : "'" + lastName(pointer) + "'";
        switch (violation.getType()) {
            case "additionalProperties":
                return "unknown key '" + violation.getProperty() + "' in " + where + " (Camel YAML DSL)";
            case "required":
                return where + " needs '" + violation.getProperty() + "' (Camel YAML DSL)";
            case "type":
                return where + " must be " + violation.getArguments()[1] + ", not " + violation.getArguments()[0]
                        + " (Camel YAML DSL)";
            case "maxProperties":
                return where + " has more than one key: each list item is one route, templatedRoute, routeTemplate "
                        + "or routeConfiguration (Camel YAML DSL)";
            default:
                String text = violation.getMessage();
                int colon = text.indexOf(": ");
                return (colon > 0 && text.startsWith("$") ? where + ": " + text.substring(colon + 2) : text) + " (Camel YAML DSL)";
        }
    }

    private static String lastName(String pointer) {
        String[] parts = pointer.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].matches("\\d+") && !parts[i].isEmpty()) {
                return parts[i];
            }
        }
        return "item";
    }

    private static String pointer(JsonNodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    private static JsonSchema camelYamlDsl() {
        JsonSchema schema = camelYamlDsl;
        if (schema == null) {
            try (InputStream in = RouteChecker.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
                if (in == null) {
                    throw new IllegalStateException("camel-yaml-dsl's schema/camelYamlDsl.json is not on the class path");
                }
                // Camel's schema marks options 'deprecated', an annotation draft 4 does not know
                com.networknt.schema.JsonMetaSchema draft4 = com.networknt.schema.JsonMetaSchema.builder(
                                com.networknt.schema.JsonMetaSchema.getV4())
                        .keyword(new com.networknt.schema.NonValidationKeyword("deprecated")).build();
                // compiled lazily: preloading every $ref of this schema took 2 s and kept 225 MB of heap for good,
                // where a route file only reaches the few definitions it uses
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                                builder -> builder.metaSchema(draft4).defaultMetaSchemaIri(draft4.getIri()))
                        .getSchema(JSON.readTree(in), com.networknt.schema.SchemaValidatorsConfig.builder()
                                .preloadJsonSchema(false).build());
                camelYamlDsl = schema;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read Camel's YAML DSL schema", e);
            }
        }
        return schema;
    }

    /** A route file that parsed, with what it defines. */
    private final class ParsedFile {
        private final String name;
        private final String folder;
        private final YamlSource source;

        ParsedFile(String name, String folder, YamlSource source) {
            this.name = name;
            this.folder = folder;
            this.source = source;
        }

        Set<String> configurationIds() {
            Set<String> ids = new TreeSet<>();
            for (JsonNode item : source.root()) {
                if (item.has("routeConfiguration")) {
                    ids.add(item.get("routeConfiguration").path("id").asText(""));
                }
            }
            return ids;
        }

        List<RouteProblem> check(Set<String> configurations, Map<String, Defined> routeIds, Map<String, Defined> subscriptions) {
            List<RouteProblem> problems = new ArrayList<>();
            Map<String, JsonNode> yamlTemplates = new HashMap<>();
            JsonNode root = source.root();
            for (int i = 0; i < root.size(); i++) {
                JsonNode item = root.get(i);
                if (item.has("routeTemplate")) {
                    yamlTemplates.put(item.get("routeTemplate").path("id").asText(), item.get("routeTemplate"));
                    unusedParameters(item.get("routeTemplate"), "/" + i + "/routeTemplate", problems);
                }
            }
            for (int i = 0; i < root.size(); i++) {
                JsonNode item = root.get(i);
                String at = "/" + i;
                if (item.has("templatedRoute")) {
                    templatedRoute(item.get("templatedRoute"), at + "/templatedRoute", yamlTemplates, routeIds, subscriptions, problems);
                } else if (item.has("route")) {
                    route(item.get("route"), at + "/route", item.get("route").path("id").asText(null), routeIds, problems);
                } else if (item.has("from")) {
                    route(item, at, null, routeIds, problems);
                }
                if (folder == null && (item.has("templatedRoute") || item.has("route") || item.has("from"))) {
                    problems.add(problem(at, "routes belong in their partner's folder, routes/<partner>/; files directly "
                            + "in routes/ hold shared routeConfigurations"));
                }
                JsonNode configuration = item.path("route").path("routeConfigurationId");
                if (configuration.isTextual() && !configurations.contains(configuration.asText())) {
                    problems.add(problem(at + "/route/routeConfigurationId", "no routeConfiguration '" + configuration.asText()
                            + "' in routes/; there are: " + String.join(", ", configurations)));
                }
            }
            return problems;
        }

        private void templatedRoute(JsonNode route, String at, Map<String, JsonNode> yamlTemplates,
                                    Map<String, Defined> routeIds, Map<String, Defined> subscriptions, List<RouteProblem> problems) {
            String ref = route.path("routeTemplateRef").asText();
            Map<String, String> given = new LinkedHashMap<>();
            Map<String, String> pointers = new HashMap<>();
            JsonNode list = route.path("parameters");
            for (int i = 0; i < list.size(); i++) {
                String parameter = list.get(i).path("name").asText();
                String pointer = at + "/parameters/" + i + "/value";
                if (given.containsKey(parameter)) {
                    problems.add(problem(pointer, "parameter '" + parameter + "' is given twice"));
                }
                given.put(parameter, list.get(i).path("value").isNull() ? null : list.get(i).path("value").asText());
                pointers.put(parameter, pointer);
            }
            String routeId = route.path("routeId").asText(null);
            String whole = at + "#key"; // problems of the whole route: on its '- templatedRoute:' line
            if (routeId == null) {
                problems.add(problem(whole, "templatedRoute needs a routeId (deliveries: <partner>.<dataset>) so that it can be "
                        + "reloaded, tested and found in logs"));
            } else {
                uniqueRouteId(routeId, at + "/routeId", routeIds, problems);
            }
            String partner = given.get("partner");
            if (partner != null && folder != null && !partner.equals(folder) && !partner.contains("{{")) {
                problems.add(problem(pointers.get("partner"), "route for partner '" + partner + "' is in folder '" + folder
                        + "'; one partner per folder (routes/" + partner + "/)"));
            }
            if (yamlTemplates.containsKey(ref)) {
                JsonNode declared = yamlTemplates.get(ref).path("parameters");
                Set<String> names = new TreeSet<>();
                declared.forEach(p -> names.add(p.path("name").asText()));
                given.keySet().stream().filter(n -> !names.contains(n)).forEach(n -> problems.add(problem(pointers.get(n),
                        "unknown parameter '" + n + "' for template " + ref + "; it has " + String.join(", ", names))));
                declared.forEach(p -> {
                    boolean required = p.path("required").asBoolean(!p.has("defaultValue"));
                    if (required && !given.containsKey(p.path("name").asText())) {
                        problems.add(problem(whole, "missing required parameter '" + p.path("name").asText() + "' of template " + ref));
                    }
                });
                return;
            }
            java.util.Optional<TemplateDeclaration> template = templates.find(ref);
            if (template.isEmpty()) {
                problems.add(problem(at + "/routeTemplateRef", "unknown template '" + ref + "'; templates: "
                        + String.join(", ", templates.ids()) + (yamlTemplates.isEmpty() ? "" : ", " + String.join(", ", yamlTemplates.keySet()))));
                return;
            }
            for (TemplateDeclaration.Problem p : template.get().check(given, environment)) {
                String pointer = p.parameter() == null ? whole : pointers.getOrDefault(p.parameter(), whole);
                problems.add(problem(pointer, p.message()));
            }
            if (template.get().grant() == vn.gov.lmi.hub.partners.Operation.SUBSCRIBE && partner != null && given.get("dataset") != null) {
                String subscription = partner + "." + given.get("dataset");
                Defined earlier = subscriptions.putIfAbsent(subscription, new Defined(name, source.line(whole)));
                if (earlier != null) {
                    problems.add(problem(whole, "partner '" + partner + "' already has a delivery route for dataset '"
                            + given.get("dataset") + "' (" + earlier.file() + ":" + earlier.line() + "); one per partner and dataset"));
                }
            }
        }

        private void route(JsonNode route, String at, String routeId, Map<String, Defined> routeIds, List<RouteProblem> problems) {
            if (routeId != null) {
                uniqueRouteId(routeId, at + "/id", routeIds, problems);
            }
            endpointUris(route, at, problems);
        }

        private void uniqueRouteId(String routeId, String pointer, Map<String, Defined> routeIds, List<RouteProblem> problems) {
            Defined earlier = routeIds.putIfAbsent(routeId, new Defined(name, source.line(pointer)));
            if (earlier != null) {
                problems.add(problem(pointer, "routeId '" + routeId + "' is already used"
                        + (earlier.line() > 0 ? " in " + earlier.file() + ":" + earlier.line() : " in " + earlier.file())));
            }
        }

        private void endpointUris(JsonNode node, String at, List<RouteProblem> problems) {
            if (node.isObject()) {
                node.fields().forEachRemaining(field -> {
                    String pointer = at + "/" + field.getKey();
                    if (URI_KEYS.contains(field.getKey()) && field.getValue().isTextual()) {
                        String problem = endpointProblem(field.getValue().asText());
                        if (problem != null) {
                            problems.add(problem(pointer, problem));
                        }
                    } else {
                        endpointUris(field.getValue(), pointer, problems);
                    }
                });
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    endpointUris(node.get(i), at + "/" + i, problems);
                }
            }
        }

        private void unusedParameters(JsonNode template, String at, List<RouteProblem> problems) {
            Set<String> used = new TreeSet<>();
            Matcher matcher = PLACEHOLDER.matcher(template.path("route").toString() + template.path("from").toString()
                    + template.path("beans").toString());
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
            JsonNode parameters = template.path("parameters");
            for (int i = 0; i < parameters.size(); i++) {
                String parameter = parameters.get(i).path("name").asText();
                if (!used.contains(parameter)) {
                    problems.add(problem(at + "/parameters/" + i + "/name", "routeTemplate '" + template.path("id").asText()
                            + "' declares parameter '" + parameter + "' but never uses it ({{" + parameter + "}})"));
                }
            }
        }

        private RouteProblem problem(String pointer, String message) {
            return new RouteProblem(name, source.line(pointer), message);
        }
    }

    /** Why an endpoint URI would not work: not a URI, an unknown component, an option the component lacks. */
    String endpointProblem(String uri) {
        if (uri.contains("{{") || uri.contains("${")) {
            return null; // resolved when the route is built or for each message
        }
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            return "endpoint '" + uri + "' is not a URI (component:path?options)";
        }
        String scheme = uri.substring(0, colon);
        EndpointUriFactory factory = endpointCatalog.getCamelContextExtension().getEndpointUriFactory(scheme);
        if (factory == null) {
            return "endpoint '" + uri + "' names component '" + scheme + "', which the hub does not have";
        }
        int query = uri.indexOf('?');
        if (query < 0 || factory.isLenientProperties()) {
            return syntaxProblem(uri);
        }
        Set<String> known = factory.propertyNames();
        for (String pair : uri.substring(query + 1).split("&")) {
            String option = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            boolean prefixed = factory.multiValuePrefixes().keySet().stream().anyMatch(option::startsWith);
            if (!option.isEmpty() && !known.contains(option) && !prefixed) {
                return "endpoint '" + uri + "': component '" + scheme + "' has no option '" + option + "'";
            }
        }
        return syntaxProblem(uri);
    }

    private static String syntaxProblem(String uri) {
        try {
            new URI(uri.replace(" ", "%20").replace("{", "%7B").replace("}", "%7D"));
            return null;
        } catch (URISyntaxException e) {
            return "endpoint '" + uri + "' is not a well-formed URI: " + e.getReason();
        }
    }
}
