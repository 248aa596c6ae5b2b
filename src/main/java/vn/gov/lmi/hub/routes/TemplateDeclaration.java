package vn.gov.lmi.hub.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;

import vn.gov.lmi.hub.partners.Operation;
import vn.gov.lmi.hub.partners.Partner;

/**
 * A route template as engineers see it: its id (the name of its declaration file), what it does, the grant its
 * partner needs, and its typed parameters. {@link #check} is the one judge of a route's parameters: the running
 * hub refuses a route with problems, and {@code routes validate} prints them.
 *
 * @param grant the operation the route's partner must hold on the route's dataset, or null
 */
public record TemplateDeclaration(String id, String description, Operation grant,
                                  Map<String, ParameterDeclaration> parameters) {

    /** One problem with a route's parameters; {@code parameter} is null when it is about the whole route. */
    public record Problem(String parameter, String message) {
    }

    /**
     * Every problem of the parameters a route gives (as written, before defaults): unknown, missing required,
     * wrongly typed, and names of partners, datasets and files that do not exist, and a missing grant.
     */
    public List<Problem> check(Map<String, String> given, RouteEnvironment environment) {
        List<Problem> problems = new ArrayList<>();
        given.keySet().stream().filter(name -> !parameters.containsKey(name)).sorted().forEach(name -> problems.add(
                new Problem(name, "unknown parameter '" + name + "' for template " + id + "; it has "
                        + String.join(", ", parameters.keySet()))));
        for (ParameterDeclaration declared : parameters.values()) {
            String value = given.get(declared.name());
            if (value == null || value.isBlank()) {
                if (declared.required()) {
                    problems.add(new Problem(null, "missing required parameter '" + declared.name() + "' of template "
                            + id + ": " + declared.description()));
                }
                continue;
            }
            if (value.contains("{{")) {
                continue; // a property placeholder, resolved when the route is built
            }
            String problem = problem(declared, value.trim(), environment);
            if (problem == null) {
                problem = declared.type().rangeProblem(value.trim(), declared.min(), declared.max());
            }
            if (problem != null) {
                problems.add(new Problem(declared.name(), "parameter '" + declared.name() + "' " + problem));
            }
            for (String needed : declared.requires()) {
                String other = given.get(needed);
                if (other == null || other.isBlank()) {
                    problems.add(new Problem(declared.name(), "parameter '" + declared.name() + "' needs '" + needed
                            + "' too"));
                }
            }
        }
        grantProblem(given, environment).ifPresent(problems::add);
        return problems;
    }

    /** The parameters with defaults applied, once {@link #check} finds nothing; else every problem at once. */
    public TemplateParameters bind(Map<String, String> given, RouteEnvironment environment) {
        List<Problem> problems = check(given, environment);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems.stream().map(Problem::message).toList()));
        }
        Map<String, String> values = new LinkedHashMap<>();
        parameters.values().forEach(p -> {
            String value = given.get(p.name());
            values.put(p.name(), value == null || value.isBlank() ? p.defaultValue() : value.trim());
        });
        return new TemplateParameters(id, values, environment.routesDir());
    }

    private String problem(ParameterDeclaration declared, String value, RouteEnvironment environment) {
        String form = declared.type().problem(value);
        if (form != null) {
            return form;
        }
        switch (declared.type()) {
            case PARTNER:
                return environment.partner(value).filter(p -> p.role() == Partner.Role.PARTNER).isPresent() ? null
                        : "names partner '" + value + "', which is not in partners.yaml";
            case DATASET:
                return environment.hasDataset(value) ? null : "names dataset '" + value + "', which is not in the catalog (schemas/)";
            case FILE:
                return fileProblem(value, environment.routesDir());
            case URL:
                return value.startsWith("http:") && !environment.allowPlainHttp()
                        ? "is plain http ('" + value + "'): partners are called over https only (unless "
                                + "hub.events.allow-plain-http-delivery=true, for a partner on a protected network)"
                        : null;
            default:
                return null;
        }
    }

    private static String fileProblem(String value, Path routesDir) {
        Path file = routesDir.resolve(value).normalize();
        if (!file.startsWith(routesDir.normalize()) || !Files.isRegularFile(file)) {
            return "names file '" + value + "', which does not exist under routes/";
        }
        if (value.endsWith(".jslt")) {
            try {
                Parser.compileString(Files.readString(file, StandardCharsets.UTF_8));
            } catch (JsltException | IOException e) {
                return "names mapping '" + value + "', which does not compile: " + e.getMessage();
            }
        }
        return null;
    }

    private Optional<Problem> grantProblem(Map<String, String> given, RouteEnvironment environment) {
        if (grant == null) {
            return Optional.empty();
        }
        Optional<Partner> partner = Optional.ofNullable(given.get("partner")).flatMap(environment::partner);
        if (partner.isEmpty()) {
            return Optional.empty(); // reported as an unknown partner
        }
        String dataset = given.get("dataset");
        if (parameters.containsKey("dataset")) {
            if (dataset == null || !environment.hasDataset(dataset) || partner.get().grant(dataset, grant).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(new Problem("partner", "partner '" + partner.get().id() + "' has no '" + grant.label()
                    + "' grant on dataset '" + dataset + "' in partners.yaml"));
        }
        boolean any = partner.get().grants().keySet().stream().anyMatch(d -> partner.get().grant(d, grant).isPresent());
        return any ? Optional.empty() : Optional.of(new Problem("partner", "partner '" + partner.get().id()
                + "' has no '" + grant.label() + "' grant on any dataset in partners.yaml"));
    }
}
