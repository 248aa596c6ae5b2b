package vn.gov.lmi.hub.routes;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A YAML document read as JSON with the line of every node, so that a problem found at a JSON Pointer
 * ({@code /0/templatedRoute/parameters/2/value}) can be reported as {@code file:line}. YAML as the Camel YAML DSL
 * reads it (snakeyaml-engine, YAML 1.2 core schema).
 */
public final class YamlSource {

    private final JsonNode root;
    private final Map<String, Integer> lines;

    private YamlSource(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    /** Parses {@code text}; a syntax error is a {@link Unreadable} carrying the line it was found on. */
    public static YamlSource parse(String text, String label) {
        Map<String, Integer> lines = new HashMap<>();
        try {
            Node node = new Compose(LoadSettings.builder().setLabel(label).build()).composeString(text).orElse(null);
            if (node == null) {
                return new YamlSource(JsonNodeFactory.instance.nullNode(), Map.of("", 1));
            }
            return new YamlSource(convert(node, "", lines), lines);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
            throw new Unreadable(line, "not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new Unreadable(1, "not valid YAML: " + e.getMessage());
        }
    }

    public JsonNode root() {
        return root;
    }

    /** The line of the node at {@code pointer}, or of its nearest existing parent. */
    public int line(String pointer) {
        String at = pointer;
        while (true) {
            Integer line = lines.get(at);
            if (line != null) {
                return line;
            }
            if (at.isEmpty()) {
                return 1;
            }
            at = at.substring(0, Math.max(0, at.lastIndexOf('/')));
        }
    }

    private static JsonNode convert(Node node, String pointer, Map<String, Integer> lines) {
        lines.put(pointer, node.getStartMark().map(m -> m.getLine() + 1).orElse(1));
        if (node instanceof MappingNode mapping) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(tuple.getKeyNode());
                String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                object.set(key, convert(tuple.getValueNode(), child, lines));
                // a key's own line: where a problem about the key (unknown, misplaced) is reported
                lines.putIfAbsent(child + "#key", tuple.getKeyNode().getStartMark().map(m -> m.getLine() + 1).orElse(1));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            int index = 0;
            for (Node item : sequence.getValue()) {
                array.add(convert(item, pointer + "/" + index++, lines));
            }
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (Tag.NULL.equals(tag)) {
                return JsonNodeFactory.instance.nullNode();
            }
            if (Tag.BOOL.equals(tag)) {
                return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT)));
            }
            if (Tag.INT.equals(tag)) {
                BigInteger number = new BigInteger(value.replace("_", ""));
                return number.bitLength() < 32 ? JsonNodeFactory.instance.numberNode(number.intValue())
                        : number.bitLength() < 64 ? JsonNodeFactory.instance.numberNode(number.longValue())
                        : JsonNodeFactory.instance.numberNode(number);
            }
            if (Tag.FLOAT.equals(tag)) {
                return JsonNodeFactory.instance.numberNode(Double.parseDouble(value));
            }
        } catch (NumberFormatException notPlain) {
            // hexadecimal, octal or special floats: kept as written
        }
        return JsonNodeFactory.instance.textNode(value);
    }

    /** The text is not YAML. */
    public static final class Unreadable extends RuntimeException {
        private final int line;

        Unreadable(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }
}
