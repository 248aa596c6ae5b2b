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
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.delivery.BrokerQueues;
import vn.gov.lmi.hub.delivery.DeliveryEndpoint;
import vn.gov.lmi.hub.delivery.DeliveryEndpoints;
import vn.gov.lmi.hub.partners.Operation;
import vn.gov.lmi.hub.system.HubProperties;

/**
 * Runs the route files of {@code routes/} (Camel YAML DSL) and keeps them in step with the folder: a file added,
 * changed or removed takes effect within {@code hub.routes-reload-interval}, without a restart. A version is
 * loaded only when {@link RouteChecker} finds nothing wrong with exactly that text; a refused version is logged
 * with every problem (once) and checked again at every look, so that fixing what it depends on (a grant, a
 * mapping, another file) lets it in. Replacing a version takes out what it defined (routes, route
 * configurations, route templates) and, if the new one still fails to build, loads the previous one again.
 * One partner's bad file never stops the hub or another partner. What is refused, and why, is kept for health.
 */
@Component
public class RouteFiles implements CamelContextConfiguration, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(RouteFiles.class);

    /** What one file put into the running hub, to take out again when it changes. */
    private record Loaded(String content, Set<String> routeIds, Set<String> endpointIds, Set<String> configurationIds,
                          Set<String> templateIds) {
    }

    private final Path routesDir;
    private final Map<Path, Loaded> loaded = new ConcurrentHashMap<>();
    private final Map<Path, String> failures = new ConcurrentHashMap<>();
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
            try {
                ensureSubscriptionQueues(file, Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException unreadable) {
                // reported with its reason when the file is checked
            }
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

    /** Applies every file that was added, changed or removed since the last look, and retries refused ones. */
    @Scheduled(initialDelayString = "${hub.routes-reload-interval}", fixedDelayString = "${hub.routes-reload-interval}")
    public synchronized void reload() {
        if (camel == null) {
            return;
        }
        List<Path> files;
        try {
            if (!Files.isDirectory(routesDir)) {
                log.warn("routes folder {} is missing; the routes that run keep running", routesDir);
                return;
            }
            files = RouteChecker.routeFiles(routesDir);
        } catch (IllegalStateException unlistable) {
            log.warn("routes folder {} cannot be listed now ({}); the routes that run keep running", routesDir,
                    unlistable.getMessage());
            return;
        }
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
                continue; // gone or unreadable for a moment; seen at the next look
            }
            Loaded current = loaded.get(file);
            if (current != null && current.content().equals(content)) {
                if (failures.remove(file) != null) {
                    log.info("route file {} is back to the version that runs", name(file));
                }
            } else {
                apply(file, content, current);
            }
        }
    }

    /** Builds a loaded file's routes afresh (new deliverers: no cached session or token), for the route test kit. */
    synchronized void rebuild(Path file) {
        Loaded current = loaded.get(file);
        if (current != null) {
            apply(file, current.content(), current);
        }
    }

    private void apply(Path file, String content, Loaded previous) {
        Map<String, String> idsElsewhere = new HashMap<>();
        Set<String> own = previous == null ? Set.of() : previous.routeIds();
        // every route the hub runs that this file does not own: the hub's own and other files'
        routeIds().stream().filter(id -> !own.contains(id)).forEach(id -> idsElsewhere.put(id, "the running hub"));
        loaded.forEach((other, state) -> {
            if (!other.equals(file)) {
                state.routeIds().forEach(id -> idsElsewhere.put(id, name(other)));
            }
        });
        List<RouteProblem> problems = checker.check(file, content, idsElsewhere);
        if (!problems.isEmpty()) {
            refuse(file, previous, problems.stream().map(RouteProblem::toString).collect(Collectors.joining("; ")));
            return;
        }
        ensureSubscriptionQueues(file, content);
        if (previous != null) {
            loaded.remove(file);
            unload(file, previous);
        }
        try {
            loaded.put(file, load(file, content));
            failures.remove(file);
            log.info("route file {} {}: routes {}", name(file), previous == null ? "loaded" : "reloaded", loaded.get(file).routeIds());
        } catch (Exception e) {
            String reason = name(file) + ": " + rootMessage(e);
            if (previous != null) {
                try {
                    loaded.put(file, load(file, previous.content()));
                } catch (Exception again) {
                    reason += "; the previous version could not be restored either (" + rootMessage(again)
                            + "): the file's routes are down";
                }
            }
            refuse(file, previous, reason);
        }
    }

    /** Logs a refusal once per distinct reason (a refused file is checked again at every look). */
    private void refuse(Path file, Loaded previous, String reason) {
        if (!reason.equals(failures.put(file, reason))) {
            log.error("route file {} refused{}: {}", name(file),
                    previous == null ? "" : "; the previous version keeps running", reason);
        }
    }

    private Loaded load(Path file, String content) throws Exception {
        Set<String> routesBefore = routeIds();
        Set<String> endpointsBefore = endpointIds();
        Defines defines = defines(file, content);
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("file:" + file.toAbsolutePath(), content));
        } catch (Exception e) {
            // a template whose bean failed may have left a route half made: take out whatever was added
            unload(file, new Loaded(content, added(routeIds(), routesBefore), added(endpointIds(), endpointsBefore),
                    defines.configurations(), defines.templates()));
            throw e;
        }
        return new Loaded(content, added(routeIds(), routesBefore), added(endpointIds(), endpointsBefore),
                defines.configurations(), defines.templates());
    }

    private static Set<String> added(Set<String> after, Set<String> before) {
        after.removeAll(before);
        return after;
    }

    /**
     * Takes a file's definitions out: each deliverer is closed first (a message in back-off, or taken meanwhile,
     * is rolled back into its queue for the next version: subscriptions redeliver without limit), then the
     * routes stopped and removed, and the route configurations and templates the file defined forgotten.
     */
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
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        for (String id : state.configurationIds()) {
            try {
                RouteConfigurationDefinition configuration = model.getRouteConfigurationDefinition(id);
                if (configuration != null) {
                    model.removeRouteConfiguration(configuration);
                }
            } catch (Exception e) {
                log.warn("route configuration {} of {} could not be removed: {}", id, name(file), rootMessage(e));
            }
        }
        for (String id : state.templateIds()) {
            try {
                org.apache.camel.model.RouteTemplateDefinition template = model.getRouteTemplateDefinition(id);
                if (template != null) {
                    model.removeRouteTemplateDefinition(template);
                }
            } catch (Exception e) {
                log.warn("route template {} of {} could not be removed: {}", id, name(file), rootMessage(e));
            }
        }
    }

    /** The route configurations and YAML route templates a file defines, by id. */
    private record Defines(Set<String> configurations, Set<String> templates) {
    }

    private Defines defines(Path file, String content) {
        Set<String> configurations = new LinkedHashSet<>();
        Set<String> routeTemplates = new LinkedHashSet<>();
        for (JsonNode item : YamlSource.parse(content, name(file)).root()) {
            if (item.has("routeConfiguration")) {
                configurations.add(item.get("routeConfiguration").path("id").asText());
            }
            if (item.has("routeTemplate")) {
                routeTemplates.add(item.get("routeTemplate").path("id").asText());
            }
        }
        return new Defines(configurations, routeTemplates);
    }

    private Set<String> routeIds() {
        return camel.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private Set<String> endpointIds() {
        return endpoints.all().stream().map(d -> d.endpoint().id()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private void ensureSubscriptionQueues(Path file, String content) {
        try {
            for (JsonNode item : YamlSource.parse(content, name(file)).root()) {
                JsonNode route = item.path("templatedRoute");
                boolean delivery = templates.find(route.path("routeTemplateRef").asText())
                        .map(t -> t.grant() == Operation.SUBSCRIBE).orElse(false);
                if (!delivery) {
                    continue;
                }
                Map<String, String> parameters = RouteChecker.parameters(route);
                String partner = parameters.get("partner");
                String dataset = parameters.get("dataset");
                if (partner != null && dataset != null && partner.matches("[A-Za-z0-9._-]+") && dataset.matches("[A-Za-z0-9._-]+")) {
                    queues.ensureSubscription(addressPrefix + dataset, DeliveryEndpoint.subscriptionQueue(partner, dataset));
                }
            }
        } catch (RuntimeException unreadable) {
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
