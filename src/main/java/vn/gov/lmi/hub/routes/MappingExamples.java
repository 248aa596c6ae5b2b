package vn.gov.lmi.hub.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;

/**
 * Example pairs of a mapping: {@code <name>.examples.yaml} beside {@code <name>.jslt}, a list of
 * {@code {name, input, output}}. {@code routes test} applies the mapping to each input and compares the result
 * with the output as JSON: exactly, but numbers by value (1 and 1.0 are the same).
 */
public final class MappingExamples {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MappingExamples() {
    }

    /** The mapping the examples belong to. */
    public static Path mappingOf(Path examples) {
        String name = examples.getFileName().toString();
        return examples.resolveSibling(name.substring(0, name.length() - ".examples.yaml".length()) + ".jslt");
    }

    /** What is wrong with the file's form (not whether the examples hold). */
    static List<RouteProblem> problems(Path examples, String name) {
        List<RouteProblem> problems = new ArrayList<>();
        YamlSource source;
        try {
            source = YamlSource.parse(Files.readString(examples, StandardCharsets.UTF_8), name);
        } catch (YamlSource.Unreadable e) {
            return List.of(new RouteProblem(name, e.line(), e.getMessage()));
        } catch (IOException e) {
            return List.of(new RouteProblem(name, 1, "cannot be read: " + e.getMessage()));
        }
        if (!Files.isRegularFile(mappingOf(examples))) {
            problems.add(new RouteProblem(name, 1, "no mapping " + mappingOf(examples).getFileName() + " beside these examples"));
        }
        if (!source.root().isArray() || source.root().isEmpty()) {
            problems.add(new RouteProblem(name, 1, "must be a list of examples, each with name, input and output"));
            return problems;
        }
        for (int i = 0; i < source.root().size(); i++) {
            JsonNode example = source.root().get(i);
            for (String field : List.of("name", "input", "output")) {
                if (!example.has(field)) {
                    problems.add(new RouteProblem(name, source.line("/" + i), "example " + (i + 1) + " needs '" + field + "'"));
                }
            }
        }
        return problems;
    }

    /** Runs every example; each failure names the example and shows what the mapping gave instead. */
    public static List<String> failures(Path examples, String name) {
        List<String> failures = new ArrayList<>();
        Expression mapping;
        JsonNode list;
        try {
            mapping = Parser.compileString(Files.readString(mappingOf(examples), StandardCharsets.UTF_8));
            list = YamlSource.parse(Files.readString(examples, StandardCharsets.UTF_8), name).root();
        } catch (IOException | JsltException | YamlSource.Unreadable e) {
            return List.of(name + ": " + e.getMessage());
        }
        for (JsonNode example : list) {
            String label = name + " \"" + example.path("name").asText() + "\"";
            try {
                JsonNode actual = mapping.apply(example.path("input"));
                if (!SameJson.equal(example.path("output"), actual)) {
                    failures.add(label + ": expected " + JSON.writeValueAsString(example.path("output")) + " but the mapping gave "
                            + JSON.writeValueAsString(actual));
                }
            } catch (JsltException | IOException e) {
                failures.add(label + ": the mapping failed: " + e.getMessage());
            }
        }
        return failures;
    }
}
