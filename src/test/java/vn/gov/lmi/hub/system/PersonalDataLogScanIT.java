package vn.gov.lmi.hub.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import vn.gov.lmi.hub.support.Examples;

/**
 * Runs after every other test of {@code mvn verify} (its own failsafe execution) and reads everything the run
 * logged: no name, citizen id, passport number or birth date from the dataset examples may appear in it.
 */
class PersonalDataLogScanIT {

    private static final Set<String> PERSONAL_FIELDS = Set.of("fullName", "citizenId", "birthDate", "passportNumber");
    private static final List<Path> CAPTURED = List.of(Path.of("target/surefire-reports"), Path.of("target/failsafe-reports"));

    @Test
    void noPersonalValueOfTheExamplesIsInTheCapturedLogs() throws IOException {
        Set<String> personal = personalValues();
        assertThat(personal).as("personal values in the examples").hasSizeGreaterThan(20)
                .contains("001085012345", "Nguyễn Văn Hùng");
        List<Path> logs = capturedLogs();
        assertThat(logs).as("captured test output (run the whole mvn verify first)").hasSizeGreaterThan(5);
        long bytes = 0;
        List<String> findings = new ArrayList<>();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            bytes += text.length();
            for (String value : personal) {
                if (text.contains(value)) {
                    findings.add(log.getFileName() + ": " + value.charAt(0) + "*** (" + value.length() + " chars)");
                }
            }
        }
        assertThat(bytes).as("captured log volume").isGreaterThan(100_000);
        assertThat(findings).as("personal values found in logs").isEmpty();
    }

    private static Set<String> personalValues() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> values = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Examples.EXAMPLES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("(valid|invalid)-.*\\.json")).toList()) {
                collect(json.readTree(file.toFile()), values);
            }
        }
        return values;
    }

    private static void collect(JsonNode node, Set<String> values) {
        if (node.isArray()) {
            node.forEach(item -> collect(item, values));
            return;
        }
        node.fields().forEachRemaining(field -> {
            if (PERSONAL_FIELDS.contains(field.getKey()) && field.getValue().isTextual() && field.getValue().asText().length() >= 6) {
                values.add(field.getValue().asText());
            }
            collect(field.getValue(), values);
        });
    }

    private static List<Path> capturedLogs() throws IOException {
        List<Path> logs = new ArrayList<>();
        for (Path folder : CAPTURED) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.filter(f -> f.getFileName().toString().endsWith("-output.txt")).forEach(logs::add);
                }
            }
        }
        return logs;
    }
}
