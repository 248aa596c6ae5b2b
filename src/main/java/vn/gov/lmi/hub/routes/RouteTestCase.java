package vn.gov.lmi.hub.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One route test, {@code routes/<partner>/tests/<name>.yaml}: record versions given to a delivery route, the
 * answers of the partner's stand-in, and what must come out: the partner's requests (method, path, headers,
 * body) in order, or the reason the last record is dead-lettered.
 *
 * <pre>
 * route: molisa-portal.job-vacancy        # a routeId in the partner's files
 * description: a vacancy reaches the portal in its own field names
 * records:                                # record versions, delivered in order
 *   - key: VN-0101234567-2026-001
 *     version: 1
 *     data: {...}                         # the record as the hub stores it
 * partner:                                # the stand-in's answers in order; the last repeats (default 200 {})
 *   - status: 200
 *     body: {...}
 * expect:
 *   requests:                             # or  error: mapping-error
 *     - method: POST
 *       path: /api/lmi/job-vacancies
 *       headers: {Content-Type: application/json, X-JWS-Signature: "*"}
 *       body: {...}                       # compared as JSON; or bodyContains: [text, ...]
 * </pre>
 */
public record RouteTestCase(String name, String route, String description, List<JsonNode> records,
                            List<Answer> answers, List<ExpectedRequest> requests, String error) {

    /** One answer of the stand-in. */
    public record Answer(int status, Map<String, String> headers, String body) {
    }

    /** One request the partner must receive; header value {@code *} only asks that the header is there. */
    public record ExpectedRequest(String method, String path, Map<String, String> headers, JsonNode body,
                                  List<String> bodyContains) {
    }

    /** What is wrong with the file's form, and a route it names that no route file defines. */
    static List<RouteProblem> problems(Path file, String name, Collection<String> routeIds) {
        YamlSource source;
        try {
            source = YamlSource.parse(Files.readString(file, StandardCharsets.UTF_8), name);
        } catch (YamlSource.Unreadable e) {
            return List.of(new RouteProblem(name, e.line(), e.getMessage()));
        } catch (IOException e) {
            return List.of(new RouteProblem(name, 1, "cannot be read: " + e.getMessage()));
        }
        List<RouteProblem> problems = new ArrayList<>();
        JsonNode root = source.root();
        String route = root.path("route").asText("");
        if (route.isEmpty()) {
            problems.add(new RouteProblem(name, 1, "a route test needs 'route', the routeId it tests"));
        } else if (!routeIds.contains(route)) {
            problems.add(new RouteProblem(name, source.line("/route"), "tests route '" + route + "', which no route file defines"));
        }
        JsonNode records = root.path("records");
        if (!records.isArray() || records.isEmpty()) {
            problems.add(new RouteProblem(name, source.line("/records"), "a route test needs 'records', a list of record versions with 'data'"));
        } else {
            for (int i = 0; i < records.size(); i++) {
                if (!records.get(i).path("data").isObject()) {
                    problems.add(new RouteProblem(name, source.line("/records/" + i), "record " + (i + 1) + " needs 'data', the record as an object"));
                }
            }
        }
        JsonNode expect = root.path("expect");
        if (expect.has("requests") == expect.has("error")) {
            problems.add(new RouteProblem(name, source.line("/expect"), "'expect' needs either 'requests' or 'error'"));
        }
        JsonNode requests = expect.path("requests");
        for (int i = 0; i < requests.size(); i++) {
            if (!requests.get(i).has("method") || !requests.get(i).has("path")) {
                problems.add(new RouteProblem(name, source.line("/expect/requests/" + i), "expected request " + (i + 1) + " needs 'method' and 'path'"));
            }
        }
        JsonNode answers = root.path("partner");
        for (int i = 0; i < answers.size(); i++) {
            if (!answers.get(i).path("status").canConvertToInt()) {
                problems.add(new RouteProblem(name, source.line("/partner/" + i), "answer " + (i + 1) + " needs 'status', an HTTP status"));
            }
        }
        return problems;
    }

    /** Reads a test whose form {@link #problems} found right. */
    static RouteTestCase read(Path file, String name) throws IOException {
        JsonNode root = YamlSource.parse(Files.readString(file, StandardCharsets.UTF_8), name).root();
        List<JsonNode> records = new ArrayList<>();
        root.path("records").forEach(records::add);
        List<Answer> answers = new ArrayList<>();
        for (JsonNode answer : root.path("partner")) {
            JsonNode body = answer.path("body");
            answers.add(new Answer(answer.path("status").asInt(), strings(answer.path("headers")),
                    body.isMissingNode() ? "{}" : body.isTextual() ? body.asText() : body.toString()));
        }
        List<ExpectedRequest> requests = new ArrayList<>();
        for (JsonNode request : root.path("expect").path("requests")) {
            List<String> contains = new ArrayList<>();
            request.path("bodyContains").forEach(text -> contains.add(text.asText()));
            requests.add(new ExpectedRequest(request.path("method").asText(), request.path("path").asText(),
                    strings(request.path("headers")), request.has("body") ? request.get("body") : null, contains));
        }
        return new RouteTestCase(name, root.path("route").asText(), root.path("description").asText(""), records,
                answers, requests, root.path("expect").path("error").asText(null));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        object.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        return values;
    }
}
