package vn.gov.lmi.hub.routes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code routes validate [dir]}, {@code routes test [dir]} and {@code routes templates [file]}: what an
 * integration engineer runs on the workspace before a change goes live.
 */
public final class RoutesCommand {

    private RoutesCommand() {
    }

    /** Prints every problem as {@code file:line: message}; 0 when there is none, 1 otherwise. */
    public static int validate(String dirArgument, PrintStream out, PrintStream err) {
        Path dir = Path.of(dirArgument);
        if (!Files.isDirectory(dir)) {
            err.println(dirArgument + " is not a folder");
            return 2;
        }
        WorkspaceEnvironment environment = new WorkspaceEnvironment(dir);
        List<RouteProblem> problems = new ArrayList<>(environment.registryProblems());
        problems.addAll(new RouteChecker(TemplateCatalog.load(), environment).checkAll());
        String prefix = dirArgument.endsWith("/") ? dirArgument : dirArgument + "/";
        problems.stream().sorted().forEach(p -> err.println(prefix + p));
        if (!problems.isEmpty()) {
            err.println(problems.size() + " problem(s) in " + dirArgument);
            return 1;
        }
        out.println(dirArgument + ": " + RouteChecker.routeFiles(dir).size() + " route file(s), "
                + RouteChecker.testFiles(dir).size() + " route test(s): no problems");
        return 0;
    }

    /** Runs mapping examples and route tests; 0 when all pass. */
    public static int test(String dirArgument, PrintStream out) throws IOException {
        return new RouteTestKit(Path.of(dirArgument), out).run() ? 0 : 1;
    }

    /** Writes the template reference to {@code file}, or prints it. */
    public static int templates(String file, PrintStream out) throws IOException {
        String reference = TemplateCatalog.load().reference();
        if (file == null) {
            out.print(reference);
        } else {
            Files.writeString(Path.of(file), reference);
            out.println("wrote " + file);
        }
        return 0;
    }
}
