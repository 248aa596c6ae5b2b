package vn.gov.lmi.hub.catalog;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;

import org.springframework.stereotype.Component;

/**
 * Checks one record against its dataset: the JSON Schema, Unicode NFC for every text (so Vietnamese names
 * keep the same bytes through every format and signature) and the dataset's cross-field rules.
 */
@Component
public class RecordValidator {

    /** Keywords whose error concerns a named property of the object at the instance location. */
    private static final Set<String> PROPERTY_KEYWORDS = Set.of("required", "dependentRequired", "additionalProperties");

    public record Outcome(List<Violation> violations, List<Violation> warnings) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    public Outcome validate(Dataset dataset, JsonNode record, int index) {
        List<Violation> violations = new ArrayList<>();
        List<Violation> warnings = new ArrayList<>();
        if (!record.isObject()) {
            violations.add(new Violation(index, "", "type", "a record must be a JSON object"));
            return new Outcome(violations, warnings);
        }
        for (ValidationMessage message : dataset.schema().validate(record)) {
            violations.add(toViolation(message, index));
        }
        collectNonNfc(record, "", index, violations);
        if (violations.isEmpty()) {
            for (CrossFieldRule rule : dataset.rules()) {
                for (Violation found : rule.check(record)) {
                    (rule.warningOnly() ? warnings : violations).add(found.atIndex(index));
                }
            }
        }
        violations.sort(Comparator.comparing(Violation::pointer).thenComparing(Violation::rule));
        return new Outcome(List.copyOf(violations), List.copyOf(warnings));
    }

    static Violation toViolation(ValidationMessage message, int index) {
        String pointer = pointer(message.getInstanceLocation());
        String keyword = message.getType();
        if (PROPERTY_KEYWORDS.contains(keyword) && message.getProperty() != null) {
            pointer = pointer + "/" + escape(message.getProperty());
        }
        String text = message.getError() != null ? message.getError() : message.getMessage();
        return new Violation(index, pointer, keyword, text);
    }

    static String pointer(JsonNodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        return pointer.toString();
    }

    /** The characters XML 1.0 allows: a record that passes can be sent over SOAP and read back by anyone. */
    static boolean xmlSafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static void collectNonNfc(JsonNode node, String pointer, int index, List<Violation> violations) {
        if (node.isTextual()) {
            if (!Normalizer.isNormalized(node.textValue(), Normalizer.Form.NFC)) {
                violations.add(new Violation(index, pointer, "unicode-nfc",
                        "text must be Unicode NFC (precomposed Vietnamese letters, TCVN 6909)"));
            } else if (!xmlSafe(node.textValue())) {
                violations.add(new Violation(index, pointer, "text-characters",
                        "text must not hold control characters (other than tab and line breaks), U+FFFE/U+FFFF or lone "
                                + "surrogates: every record must be writable as XML too"));
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                collectNonNfc(field.getValue(), pointer + "/" + escape(field.getKey()), index, violations);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectNonNfc(node.get(i), pointer + "/" + i, index, violations);
            }
        }
    }
}
