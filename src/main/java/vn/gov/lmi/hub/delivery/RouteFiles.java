package vn.gov.lmi.hub.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.system.HubProperties;

/**
 * Loads the partner route files, {@code routes/<partner>/*.yaml} (Camel YAML DSL), once Camel has started and
 * the templates exist. A file that does not load is logged with its reason and skipped: one partner's broken
 * file never keeps the hub or another partner down. What failed, and why, is kept for health.
 */
@Component
public class RouteFiles implements CamelContextConfiguration, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(RouteFiles.class);

    private final Path routesDir;
    private final Map<Path, String> failures = new ConcurrentHashMap<>();

    private final BrokerQueues queues;
    private final String addressPrefix;

    public RouteFiles(HubProperties properties, BrokerQueues queues) {
        this.routesDir = properties.routesDir();
        this.queues = queues;
        this.addressPrefix = properties.events().addressPrefix();
    }

    /**
     * Before anything is published: the queue of every subscription the files declare exists, even if its
     * route then fails to build (a broken mapping, say). Versions accepted meanwhile wait in it for the fix.
     */
    @Override
    public void afterSingletonsInstantiated() {
        com.fasterxml.jackson.databind.ObjectMapper yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        for (Path file : files()) {
            try {
                for (com.fasterxml.jackson.databind.JsonNode item : yaml.readTree(file.toFile())) {
                    com.fasterxml.jackson.databind.JsonNode route = item.path("templatedRoute");
                    String template = route.path("routeTemplateRef").asText();
                    if (!template.equals("rest-push") && !template.equals("jms-push") && !template.equals("soap-push")) {
                        continue;
                    }
                    Map<String, String> parameters = new java.util.HashMap<>();
                    route.path("parameters").forEach(p -> parameters.put(p.path("name").asText(), p.path("value").asText()));
                    String partner = parameters.get("partner");
                    String dataset = parameters.get("dataset");
                    if (partner != null && dataset != null) {
                        queues.ensureSubscription(addressPrefix + dataset, "lmi.sub." + partner + "." + dataset);
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // reported with its reason when the file is loaded
            }
        }
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // templates are added with the other route builders; partner files load after start
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        for (Path file : files()) {
            try {
                Resource resource = ResourceHelper.resolveMandatoryResource(camelContext, "file:" + file.toAbsolutePath());
                PluginHelper.getRoutesLoader(camelContext).loadRoutes(resource);
                log.info("routes loaded from {}", routesDir.relativize(file));
            } catch (Exception e) {
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                failures.put(file, root.getMessage());
                log.error("route file {} refused: {}", routesDir.relativize(file), root.getMessage());
            }
        }
    }

    /** Partner route files: YAML files directly inside a partner folder (tests/ and mappings are not routes). */
    List<Path> files() {
        if (!Files.isDirectory(routesDir)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(routesDir)) {
            List<Path> files = new ArrayList<>();
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> inFolder = Files.list(folder)) {
                    inFolder.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f))
                            .sorted().forEach(files::add);
                }
            }
            return files;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + routesDir, e);
        }
    }

    /** Files that did not load (path relative to the routes folder), with the reason. */
    public Map<String, String> failures() {
        Map<String, String> named = new java.util.TreeMap<>();
        failures.forEach((file, reason) -> named.put(routesDir.relativize(file).toString(), reason));
        return named;
    }
}
