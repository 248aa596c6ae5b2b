package vn.gov.lmi.hub.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import vn.gov.lmi.hub.LmiHubApplication;

/**
 * Resolves the two folders every other setting hangs off, before any bean is created, so that the
 * hub behaves the same whichever directory the jar is started from:
 * <ul>
 *   <li>{@code hub.install-dir}: where the engineers' files live ({@code schemas/}, {@code routes/}, …).
 *       Default: the nearest folder holding {@code schemas/}, looking upward from the jar (so
 *       {@code target/lmi-hub.jar} finds the project root), else the working directory.</li>
 *   <li>{@code hub.home}: the one folder the hub writes to (database, broker journal, logs).
 *       Default: {@code <install-dir>/data}.</li>
 * </ul>
 * Both are registered with the lowest precedence, so any explicit setting wins.
 */
public class HubHomeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "hubHomeDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        String installDir = environment.getProperty("hub.install-dir");
        Path install = installDir == null || installDir.isBlank()
                ? detectInstallDir()
                : Path.of(installDir).toAbsolutePath().normalize();
        defaults.put("hub.install-dir", install.toString());
        if (!environment.containsProperty("hub.home")) {
            defaults.put("hub.home", install.resolve("data").toString());
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    static Path detectInstallDir() {
        Path start = new ApplicationHome(LmiHubApplication.class).getDir().toPath().toAbsolutePath();
        for (Path dir = start; dir != null && start.getNameCount() - dir.getNameCount() <= 3; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("schemas"))) {
                return dir.normalize();
            }
        }
        return Path.of("").toAbsolutePath();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
