package vn.gov.lmi.hub.routes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.partners.Partner;
import vn.gov.lmi.hub.partners.PartnerRegistryFile;

/**
 * A {@code routes/} folder judged on its own, as {@code routes validate} does: the partner registry is its
 * {@code partners.yaml}, the catalog is {@code schemas/} beside it, certificate paths are relative to the folder
 * holding both (the install dir). Problems of the registry itself are kept with their lines.
 */
final class WorkspaceEnvironment implements RouteEnvironment {

    private final Path routesDir;
    private final DatasetCatalog catalog;
    private final Map<String, Partner> partners;
    private final List<RouteProblem> registryProblems = new ArrayList<>();

    WorkspaceEnvironment(Path routesDir) {
        this.routesDir = routesDir.toAbsolutePath().normalize();
        Path installDir = this.routesDir.getParent();
        this.catalog = new DatasetCatalog(installDir.resolve("schemas"), new ObjectMapper());
        Path registry = this.routesDir.resolve("partners.yaml");
        Map<String, Partner> read = Map.of();
        if (!Files.isRegularFile(registry)) {
            registryProblems.add(new RouteProblem("partners.yaml", 1, "missing: the partner registry every route names its partner in"));
        } else {
            try {
                read = PartnerRegistryFile.load(registry, installDir, catalog);
            } catch (PartnerRegistryFile.InvalidRegistryException e) {
                YamlSource source = source(registry);
                for (String problem : e.problems()) {
                    int colon = problem.indexOf(": ");
                    String path = colon > 0 ? problem.substring(0, colon) : "";
                    registryProblems.add(new RouteProblem("partners.yaml", source == null ? 1 : source.line(pointer(path)), problem));
                }
            }
        }
        this.partners = read;
    }

    private static YamlSource source(Path file) {
        try {
            return YamlSource.parse(Files.readString(file), "partners.yaml");
        } catch (java.io.IOException | YamlSource.Unreadable e) {
            return null;
        }
    }

    /** {@code partners[2].grants[0].dataset} as a JSON Pointer. */
    private static String pointer(String path) {
        return path.isEmpty() ? "" : "/" + path.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    }

    List<RouteProblem> registryProblems() {
        return registryProblems;
    }

    @Override
    public Path routesDir() {
        return routesDir;
    }

    @Override
    public Optional<Partner> partner(String id) {
        return Optional.ofNullable(partners.get(id));
    }

    @Override
    public boolean hasDataset(String id) {
        return catalog.find(id).isPresent();
    }

    @Override
    public boolean allowPlainHttp() {
        return false;
    }
}
