package vn.gov.lmi.hub.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * An install dir in a temporary folder: the project's schemas, WSDL and demo certificates (linked) and a copy of its
 * {@code routes/} that a test may break, so that checks run on the real workspace plus one change.
 */
final class RouteWorkspace {

    static final Path PROJECT = Path.of("").toAbsolutePath();

    private RouteWorkspace() {
    }

    /** The routes folder of a fresh install dir under {@code temp}; empty when {@code withProjectRoutes} is false. */
    static Path create(Path temp, boolean withProjectRoutes) throws IOException {
        Path install = temp.resolve("install");
        Files.createDirectories(install);
        Files.createSymbolicLink(install.resolve("schemas"), PROJECT.resolve("schemas"));
        Files.createSymbolicLink(install.resolve("certs-example"), PROJECT.resolve("certs-example"));
        Files.createSymbolicLink(install.resolve("wsdl"), PROJECT.resolve("wsdl"));
        Path routes = install.resolve("routes");
        Files.createDirectories(routes);
        if (withProjectRoutes) {
            Path source = PROJECT.resolve("routes");
            try (Stream<Path> all = Files.walk(source)) {
                for (Path path : all.toList()) {
                    Path target = routes.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target);
                    }
                }
            }
        }
        return routes;
    }
}
