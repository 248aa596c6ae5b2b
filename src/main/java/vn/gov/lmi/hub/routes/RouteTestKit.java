package vn.gov.lmi.hub.routes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jms.core.JmsTemplate;

import vn.gov.lmi.hub.LmiHubApplication;
import vn.gov.lmi.hub.delivery.DeliveryArchive;
import vn.gov.lmi.hub.delivery.DeliveryEndpoint;

/**
 * {@code routes test}: runs every mapping's example pairs and every route test ({@code routes/<partner>/tests/})
 * against the real templates. It starts the hub on a copy of the workspace in a temporary home, with every
 * partner URL of every route pointed at a local stand-in server that answers from the test's script; each
 * test's record versions enter the route's own subscription queue as the hub publishes them, and what reaches
 * the stand-in (or the dead-letter reason) is compared with the test's expectations.
 */
public final class RouteTestKit {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration OUTCOME_WAIT = Duration.ofSeconds(30);
    /** The templates whose partner the stand-in (an HTTP server answering JSON) can replace. */
    private static final List<String> TESTABLE = List.of("rest-push", "dvcqg-push");

    private final Path routesDir;
    private final PrintStream out;
    private int passed;
    private int failed;

    public RouteTestKit(Path routesDir, PrintStream out) {
        this.routesDir = routesDir.toAbsolutePath().normalize();
        this.out = out;
    }

    /** Runs everything and says how it went; true when all passed. */
    public boolean run() throws IOException {
        WorkspaceEnvironment environment = new WorkspaceEnvironment(routesDir);
        List<RouteProblem> problems = new ArrayList<>(environment.registryProblems());
        problems.addAll(new RouteChecker(TemplateCatalog.load(), environment).checkAll());
        if (!problems.isEmpty()) {
            problems.forEach(p -> out.println("routes/" + p));
            out.println("routes test: the workspace has " + problems.size() + " problem(s); run routes validate");
            return false;
        }
        for (Path examples : files(".examples.yaml")) {
            String name = routesDir.relativize(examples).toString();
            List<String> failures = MappingExamples.failures(examples, name);
            report(name + " (mapping examples)", failures);
        }
        List<Path> tests = RouteChecker.testFiles(routesDir);
        if (!tests.isEmpty()) {
            runRouteTests(tests);
        }
        out.println("routes test: " + passed + " passed, " + failed + " failed");
        return failed == 0;
    }

    private void runRouteTests(List<Path> tests) throws IOException {
        Path work = Files.createTempDirectory("lmi-route-tests");
        try (PartnerStandIn standIn = new PartnerStandIn()) {
            Path routes = work.resolve("routes");
            Map<String, RouteDefinition> definitions = copyWithStandIn(routes, standIn);
            try (ConfigurableApplicationContext hub = startHub(work, routes)) {
                DeliveryArchive archive = hub.getBean(DeliveryArchive.class);
                RouteFiles routeFiles = hub.getBean(RouteFiles.class);
                routeFiles.failures().forEach((file, reason) -> out.println("routes test: route file " + file
                        + " did not load: " + reason));
                JmsTemplate jms = hub.getBean(JmsTemplate.class);
                String prefix = hub.getEnvironment().getProperty("hub.events.address-prefix");
                AtomicLong seq = new AtomicLong(System.currentTimeMillis() * 1000);
                for (Path file : tests) {
                    String name = routesDir.relativize(file).toString();
                    RouteTestCase test = RouteTestCase.read(file, name);
                    RouteDefinition route = definitions.get(test.route());
                    List<String> failures = route == null
                            ? List.of("route '" + test.route() + "' is not one route tests can drive (" + String.join(", ", TESTABLE) + ")")
                            : runOne(test, route, standIn, archive, jms, prefix, seq, routeFiles);
                    report(name + (test.description().isEmpty() ? "" : " (" + test.description() + ")"), failures);
                }
            }
        } finally {
            deleteTree(work);
        }
    }

    /** A delivery route of the workspace: who gets which dataset. */
    private record RouteDefinition(String template, String partner, String dataset, Path file) {
    }

    private List<String> runOne(RouteTestCase test, RouteDefinition route, PartnerStandIn standIn, DeliveryArchive archive,
                                JmsTemplate jms, String prefix, AtomicLong seq, RouteFiles routeFiles) {
        routeFiles.rebuild(route.file()); // each test starts without the session or token an earlier one left
        standIn.script(test.answers());
        String queue = prefix + route.dataset() + "::" + DeliveryEndpoint.subscriptionQueue(route.partner(), route.dataset());
        String lastDelivery = null;
        List<String> failures = new ArrayList<>();
        for (JsonNode record : test.records()) {
            long number = seq.incrementAndGet();
            String event = event(record, route.dataset(), number);
            jms.execute(session -> {
                session.createProducer(session.createTopic(queue)).send(session.createTextMessage(event));
                return null;
            });
            lastDelivery = DeliveryEndpoint.deliveryId(route.partner(), route.dataset(), number);
            Optional<DeliveryArchive.Entry> outcome = outcome(archive, lastDelivery);
            if (outcome.isEmpty()) {
                failures.add("no outcome for " + lastDelivery + " within " + OUTCOME_WAIT.toSeconds() + " s (still retrying?)");
                return failures;
            }
        }
        DeliveryArchive.Entry last = archive.find(lastDelivery).orElseThrow();
        if (test.error() != null) {
            String reason = last.lastError() == null ? "" : last.lastError().split(":", 2)[0];
            if (!DeliveryArchive.DEAD_LETTERED.equals(last.status()) || !reason.equals(test.error())) {
                failures.add("expected the record to be dead-lettered for '" + test.error() + "' but it was " + last.status()
                        + (last.lastError() == null ? "" : " (" + last.lastError() + ")"));
            }
            return failures;
        }
        if (!DeliveryArchive.DELIVERED.equals(last.status())) {
            failures.add("expected delivery but the record was " + last.status() + ": " + last.lastError());
        }
        compare(test.requests(), standIn.received(), failures);
        return failures;
    }

    private static void compare(List<RouteTestCase.ExpectedRequest> expected, List<PartnerStandIn.Received> received,
                                List<String> failures) {
        if (expected.size() != received.size()) {
            failures.add("expected " + expected.size() + " request(s) to the partner, got " + received.size() + ": "
                    + received.stream().map(r -> r.method() + " " + r.path()).toList());
        }
        for (int i = 0; i < Math.min(expected.size(), received.size()); i++) {
            RouteTestCase.ExpectedRequest want = expected.get(i);
            PartnerStandIn.Received got = received.get(i);
            String which = "request " + (i + 1) + ": ";
            if (!want.method().equalsIgnoreCase(got.method()) || !want.path().equals(got.path())) {
                failures.add(which + "expected " + want.method() + " " + want.path() + ", got " + got.method() + " " + got.path());
            }
            want.headers().forEach((header, value) -> {
                String actual = got.headers().get(header);
                if (actual == null || !(value.equals("*") || value.equals(actual))) {
                    failures.add(which + "header " + header + " expected " + (value.equals("*") ? "present" : "'" + value + "'")
                            + ", got " + (actual == null ? "none" : "'" + actual + "'"));
                }
            });
            if (want.body() != null) {
                JsonNode actual = json(got.body());
                if (!SameJson.equal(want.body(), actual)) {
                    failures.add(which + "body expected " + want.body() + ", got " + got.body());
                }
            }
            for (String text : want.bodyContains()) {
                if (!got.body().contains(text)) {
                    failures.add(which + "body does not contain '" + text + "': " + got.body());
                }
            }
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** The record event as the outbox relay publishes it, with test defaults for what the test leaves out. */
    private static String event(JsonNode record, String dataset, long seq) {
        ObjectNode event = JSON.createObjectNode()
                .put("dataset", dataset)
                .put("key", record.path("key").asText("route-test-key"))
                .put("version", record.path("version").asInt(1))
                .put("seq", seq)
                .put("schemaVersion", record.path("schemaVersion").asText("1.0.0"))
                .put("recordedAt", record.path("recordedAt").asText("2026-01-01T00:00:00Z"))
                .put("messageId", record.path("messageId").asText("route-test-" + seq));
        event.set("data", record.path("data"));
        return event.toString();
    }

    private static Optional<DeliveryArchive.Entry> outcome(DeliveryArchive archive, String deliveryId) {
        long until = System.nanoTime() + OUTCOME_WAIT.toNanos();
        while (System.nanoTime() < until) {
            Optional<DeliveryArchive.Entry> entry = archive.find(deliveryId)
                    .filter(e -> !DeliveryArchive.SENDING.equals(e.status()));
            if (entry.isPresent()) {
                return entry;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return Optional.empty();
    }

    /**
     * Copies the workspace, pointing every URL parameter of every templated route at the stand-in (same path and
     * query), and returns the delivery routes by id.
     */
    private Map<String, RouteDefinition> copyWithStandIn(Path copy, PartnerStandIn standIn) throws IOException {
        TemplateCatalog templates = TemplateCatalog.load();
        Map<String, RouteDefinition> deliveries = new HashMap<>();
        try (Stream<Path> all = Files.walk(routesDir)) {
            for (Path source : all.toList()) {
                Path target = copy.resolve(routesDir.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.copy(source, target);
            }
        }
        for (Path file : RouteChecker.routeFiles(copy)) {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            for (JsonNode item : YamlSource.parse(content, file.toString()).root()) {
                JsonNode route = item.path("templatedRoute");
                Optional<TemplateDeclaration> template = templates.find(route.path("routeTemplateRef").asText());
                if (template.isEmpty()) {
                    continue;
                }
                Map<String, String> values = RouteChecker.parameters(route);
                for (Map.Entry<String, String> parameter : values.entrySet()) {
                    ParameterDeclaration declared = template.get().parameters().get(parameter.getKey());
                    String value = parameter.getValue();
                    if (declared != null && declared.type() == ParameterType.URL && value != null && !value.contains("{{")) {
                        content = content.replace(value, standIn.replace(value));
                    }
                }
                if (TESTABLE.contains(template.get().id())) {
                    deliveries.put(route.path("routeId").asText(), new RouteDefinition(template.get().id(),
                            values.get("partner"), values.get("dataset"), file));
                }
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
        return deliveries;
    }

    private ConfigurableApplicationContext startHub(Path work, Path routes) {
        out.println("routes test: starting the hub on a copy of " + routesDir + " with partners replaced by a local stand-in");
        return new SpringApplicationBuilder(LmiHubApplication.class)
                .logStartupInfo(false)
                .properties("logging.level.root=ERROR")
                // arguments, so that they win over application.yaml
                .run("--hub.home=" + work.resolve("home"),
                        "--hub.install-dir=" + routesDir.getParent(),
                        "--hub.routes-dir=" + routes,
                        "--hub.trust.partners-file=" + routes.resolve("partners.yaml"),
                        "--hub.events.allow-plain-http-delivery=true",
                        "--server.port=0",
                        "--management.server.port=0",
                        "--logging.file.name=" + work.resolve("home/logs/route-tests.log"));
    }

    private void report(String what, List<String> failures) {
        if (failures.isEmpty()) {
            passed++;
            out.println("PASS " + what);
        } else {
            failed++;
            out.println("FAIL " + what);
            failures.forEach(f -> out.println("     " + f));
        }
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> all = Files.walk(routesDir)) {
            return all.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
