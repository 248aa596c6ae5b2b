package vn.gov.lmi.hub.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.delivery.BrokerQueues;
import vn.gov.lmi.hub.delivery.DeliveryEndpoints;
import vn.gov.lmi.hub.system.HubProperties;

/**
 * Runs the route files of {@code routes/} (Camel YAML DSL) and keeps them in step with the folder: a file added,
 * changed or removed takes effect within {@code hub.routes-reload-interval}, without a restart. A file is loaded
 * only when {@link RouteChecker} finds nothing wrong with it; a refused or failing edit is logged with every
 * problem and the previous version of that file keeps running. One partner's bad file never stops the hub or
 * another partner. What is refused, and why, is kept for health.
 */
@Component
public class RouteFiles implements CamelContextConfiguration, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(RouteFiles.class);

    /** What one file put into the running hub, to take out again when it changes. */
    private record Loaded(String content, Set<String> routeIds, Set<String> endpointIds) {
    }

    private final Path routesDir;
    private final Map<Path, Loaded> loaded = new ConcurrentHashMap<>();
    private final Map<Path, String> failures = new ConcurrentHashMap<>();
    /** The content last refused per file: it is not checked again until it changes. */
    private final Map<Path, String> refusedContent = new ConcurrentHashMap<>();
    private final BrokerQueues queues;
    private final DeliveryEndpoints endpoints;
    private final RouteChecker checker;
    private final TemplateCatalog templates;
    private final String addressPrefix;
    private volatile CamelContext camel;

    public RouteFiles(HubProperties properties, BrokerQueues queues, DeliveryEndpoints endpoints, TemplateCatalog templates,
                      RouteEnvironment environment) {
        this.routesDir = properties.routesDir();
        this.queues = queues;
        this.endpoints = endpoints;
        this.templates = templates;
        this.checker = new RouteChecker(templates, environment);
        this.addressPrefix = properties.events().addressPrefix();
    }

    /**
     * Before anything is published: the queue of every subscription the files declare exists, even if its
     * route then fails to build (a broken mapping, say). Versions accepted meanwhile wait in it for the fix.
     */
    @Override
    public void afterSingletonsInstantiated() {
        for (Path file : RouteChecker.routeFiles(routesDir)) {
            ensureSubscriptionQueues(file);
        }
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // templates are added with the other route builders; route files load after start
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
        reload();
    }

    /** Applies every file that was added, changed or removed since the last look. */
    @Scheduled(initialDelayString = "${hub.routes-reload-interval}", fixedDelayString = "${hub.routes-reload-interval}")
    public synchronized void reload() {
        if (camel == null) {
            return;
        }
        List<Path> files = RouteChecker.routeFiles(routesDir);
        for (Path gone : Set.copyOf(loaded.keySet())) {
            if (!files.contains(gone)) {
                unload(gone, loaded.remove(gone));
                log.info("route file {} removed: its routes stopped (their queues keep every message)", name(gone));
            }
        }
        failures.keySet().removeIf(file -> !files.contains(file));
        for (Path file : files) {
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue; // being written; seen at the next look
            }
            Loaded current = loaded.get(file);
            if (current != null && current.content().equals(content)) {
                if (failures.remove(file) != null) {
                    refusedContent.remove(file);
                    log.info("route file {} is back to the version that runs", name(file));
                }
            } else if (!content.equals(refusedContent.get(file))) {
                apply(file, content, current);
            }
        }
    }

    /** Builds a loaded file's routes afresh (new deliverers: no cached session or token), for the route test kit. */
    synchronized void rebuild(Path file) {
        Loaded current = loaded.remove(file);
        if (current != null) {
            unload(file, current);
            apply(file, current.content(), null);
        }
    }

    private void apply(Path file, String content, Loaded previous) {
        Map<String, String> idsElsewhere = new HashMap<>();
        loaded.forEach((other, state) -> {
            if (!other.equals(file)) {
                state.routeIds().forEach(id -> idsElsewhere.put(id, name(other)));
            }
        });
        List<RouteProblem> problems = checker.check(file, idsElsewhere);
        if (!problems.isEmpty()) {
            refuse(file, content, previous, problems.stream().map(RouteProblem::toString).collect(Collectors.joining("; ")));
            return;
        }
        ensureSubscriptionQueues(file);
        if (previous != null) {
            unload(file, previous);
            loaded.remove(file);
        }
        try {
            loaded.put(file, load(file, content));
            failures.remove(file);
            refusedContent.remove(file);
            log.info("route file {} {}: routes {}", name(file), previous == null ? "loaded" : "reloaded", loaded.get(file).routeIds());
        } catch (Exception e) {
            String reason = rootMessage(e);
            if (previous != null) {
                try {
                    loaded.put(file, load(file, previous.content()));
                } catch (Exception again) {
                    log.error("route file {}: the previous version could not be restored either: {}", name(file), rootMessage(again));
                }
            }
            refuse(file, content, previous, name(file) + ": " + reason);
        }
    }

    private void refuse(Path file, String content, Loaded previous, String reason) {
        failures.put(file, reason);
        refusedContent.put(file, content);
        log.error("route file {} refused{}: {}", name(file),
                previous == null ? "" : "; the previous version keeps running", reason);
    }

    private Loaded load(Path file, String content) throws Exception {
        Set<String> routesBefore = routeIds();
        Set<String> endpointsBefore = endpointIds();
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("file:" + file.toAbsolutePath(), content));
        } catch (Exception e) {
            // a template whose bean failed may have left a route half made: take out whatever was added
            Set<String> added = routeIds();
            added.removeAll(routesBefore);
            Set<String> addedEndpoints = endpointIds();
            addedEndpoints.removeAll(endpointsBefore);
            unload(file, new Loaded(content, added, addedEndpoints));
            throw e;
        }
        Set<String> routes = routeIds();
        routes.removeAll(routesBefore);
        Set<String> added = endpointIds();
        added.removeAll(endpointsBefore);
        return new Loaded(content, routes, added);
    }

    /** Ends the deliverers first (a message waiting in back-off goes back to its queue), then the routes. */
    private void unload(Path file, Loaded state) {
        state.endpointIds().forEach(endpoints::remove);
        for (String routeId : state.routeIds()) {
            try {
                camel.getRouteController().stopRoute(routeId, 30, TimeUnit.SECONDS);
                camel.removeRoute(routeId);
            } catch (Exception e) {
                log.error("route {} of {} could not be stopped: {}", routeId, name(file), rootMessage(e));
            }
        }
    }

    private Set<String> routeIds() {
        return camel.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private Set<String> endpointIds() {
        return endpoints.all().stream().map(d -> d.endpoint().id()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private void ensureSubscriptionQueues(Path file) {
        try {
            YamlSource source = YamlSource.parse(Files.readString(file, StandardCharsets.UTF_8), name(file));
            for (JsonNode item : source.root()) {
                JsonNode route = item.path("templatedRoute");
                boolean delivery = templates.find(route.path("routeTemplateRef").asText())
                        .map(t -> t.grant() == vn.gov.lmi.hub.partners.Operation.SUBSCRIBE).orElse(false);
                if (!delivery) {
                    continue;
                }
                Map<String, String> parameters = new HashMap<>();
                route.path("parameters").forEach(p -> parameters.put(p.path("name").asText(), p.path("value").asText()));
                String partner = parameters.get("partner");
                String dataset = parameters.get("dataset");
                if (partner != null && dataset != null && partner.matches("[A-Za-z0-9._-]+") && dataset.matches("[A-Za-z0-9._-]+")) {
                    queues.ensureSubscription(addressPrefix + dataset, "lmi.sub." + partner + "." + dataset);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // reported with its reason when the file is checked
        }
    }

    private String name(Path file) {
        return routesDir.relativize(file).toString().replace('\\', '/');
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** Files that are refused or failed (path relative to the routes folder), with the reason. */
    public Map<String, String> failures() {
        Map<String, String> named = new TreeMap<>();
        failures.forEach((file, reason) -> named.put(name(file), reason));
        return named;
    }
}
