package vn.gov.lmi.hub.routes;

/** One problem in the engineers' files, printed as {@code file:line: message}. */
public record RouteProblem(String file, int line, String message) implements Comparable<RouteProblem> {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }

    @Override
    public int compareTo(RouteProblem other) {
        int byFile = file.compareTo(other.file);
        return byFile != 0 ? byFile : line != other.line ? Integer.compare(line, other.line) : message.compareTo(other.message);
    }
}
