package vn.gov.lmi.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code routes validate} over a corpus of broken files, one mistake each ({@code src/test/resources/routes-broken}):
 * each is added to a copy of the project's real workspace, which must then show exactly the messages the case
 * names ({@code # expect:} lines) and nothing else. The header says where the file goes ({@code # file:}) and
 * whether it is alone in the workspace ({@code # alone: true}).
 */
class RouteValidationCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/routes-broken");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachMistakeIsReportedWithItsFileLineAndMessage(String name, @TempDir Path temp) throws IOException {
        List<String> lines = Files.readAllLines(CORPUS.resolve(name), StandardCharsets.UTF_8);
        String target = header(lines, "# file: ").get(0);
        boolean alone = header(lines, "# alone: ").contains("true");
        Path routes = RouteWorkspace.create(temp, !alone);
        Path file = routes.resolve(target);
        Files.createDirectories(file.getParent());
        // YAML keeps the header as comments (the expected lines count them); other languages get the body only
        List<String> body = target.endsWith(".yaml") ? lines : lines.stream().filter(l -> !l.startsWith("# ")).toList();
        Files.writeString(file, String.join("\n", body) + "\n", StandardCharsets.UTF_8);

        List<String> expected = header(lines, "# expect: ").stream()
                .map(e -> e.replace("<install>", routes.getParent().toString())).toList();
        assertThat(problems(routes)).containsExactlyElementsOf(expected);
    }

    @Test
    void theProjectWorkspaceHasNoProblems() {
        assertThat(problems(RouteWorkspace.PROJECT.resolve("routes"))).isEmpty();
    }

    @Test
    void theTemplateReferenceIsUpToDate() throws IOException {
        assertThat(Files.readString(RouteWorkspace.PROJECT.resolve("routes/TEMPLATES.md")))
                .as("routes/TEMPLATES.md is generated: java -jar target/lmi-hub.jar routes templates routes/TEMPLATES.md")
                .isEqualTo(TemplateCatalog.load().reference());
    }

    private static List<String> problems(Path routes) {
        WorkspaceEnvironment environment = new WorkspaceEnvironment(routes);
        List<RouteProblem> problems = new ArrayList<>(environment.registryProblems());
        problems.addAll(new RouteChecker(TemplateCatalog.load(), environment).checkAll());
        return problems.stream().sorted().map(RouteProblem::toString).toList();
    }

    private static List<String> header(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }
}
