package vn.gov.lmi.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The example records under {@code schemas/examples/<dataset>/}, as shipped to engineers. */
public final class Examples {

    public static final Path SCHEMAS = Path.of("schemas").toAbsolutePath();
    public static final Path EXAMPLES = SCHEMAS.resolve("examples");

    private Examples() {
    }

    public static List<Path> files(String dataset, String prefix) {
        try (Stream<Path> files = Files.list(EXAMPLES.resolve(dataset))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(String dataset, String fileName) {
        return read(EXAMPLES.resolve(dataset).resolve(fileName));
    }

    /** The first {@code valid-*} example of a dataset, by file name. */
    public static String firstValid(String dataset) {
        return read(files(dataset, "valid-").get(0));
    }
}
