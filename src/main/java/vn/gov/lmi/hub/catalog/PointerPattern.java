package vn.gov.lmi.hub.catalog;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * JSON Pointers in rule declarations may hold {@code *} for "every element of this array". A rule's
 * pointers are expanded together, so {@code /workers/*}{@code /citizenId} and {@code /workers/*}{@code /sex}
 * bind to the same worker.
 */
final class PointerPattern {

    private PointerPattern() {
    }

    /** Every binding of the patterns to concrete pointers that exist in the record's arrays. */
    static List<List<String>> expand(JsonNode record, List<String> patterns) {
        String first = patterns.stream().filter(p -> p.contains("*")).findFirst().orElse(null);
        if (first == null) {
            return List.of(patterns);
        }
        String arrayPointer = first.substring(0, first.indexOf("/*"));
        JsonNode array = record.at(JsonPointer.compile(arrayPointer));
        List<List<String>> bindings = new ArrayList<>();
        if (!array.isArray()) {
            return bindings;
        }
        for (int i = 0; i < array.size(); i++) {
            String concrete = arrayPointer + "/" + i;
            List<String> bound = patterns.stream()
                    .map(p -> p.startsWith(arrayPointer + "/*") ? concrete + p.substring(arrayPointer.length() + 2) : p)
                    .toList();
            bindings.addAll(expand(record, bound));
        }
        return bindings;
    }

    static JsonNode at(JsonNode record, String pointer) {
        return record.at(JsonPointer.compile(pointer));
    }
}
