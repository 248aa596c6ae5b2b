package vn.gov.lmi.hub.soap;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import vn.gov.lmi.hub.xml.XmlRefused;

/**
 * JSON as XML in the W3C vocabulary of {@code fn:json-to-xml} (XPath Functions 3.1, 17.5): how records travel in
 * SOAP messages (ADR 0010). Both ways give the same JSON value the REST API gives (member order kept; numbers
 * as JSON parses them); a key may appear once per map.
 */
public final class JsonXml {

    public static final String FN_NS = "http://www.w3.org/2005/xpath-functions";

    private final ObjectMapper json;

    public JsonXml(ObjectMapper json) {
        this.json = json;
    }

    /** The JSON value an {@code fn:} element stands for; {@code path} names it in refusals. */
    public JsonNode toJson(Element element, String path) {
        if (!FN_NS.equals(element.getNamespaceURI())) {
            throw new XmlRefused("SchemaViolation", path + ": expected an element of " + FN_NS + ", found {"
                    + element.getNamespaceURI() + "}" + element.getLocalName());
        }
        switch (element.getLocalName()) {
            case "map": {
                ObjectNode object = json.createObjectNode();
                for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element member) {
                        if (!member.hasAttribute("key")) {
                            throw new XmlRefused("SchemaViolation", path + ": a member of fn:map needs a key attribute");
                        }
                        String key = member.getAttribute("key");
                        if (object.has(key)) {
                            throw new XmlRefused("SchemaViolation", path + ": key '" + key + "' appears twice in one fn:map");
                        }
                        object.set(key, toJson(member, path + "/" + key));
                    }
                }
                return object;
            }
            case "array": {
                ArrayNode array = json.createArrayNode();
                int index = 0;
                for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element item) {
                        array.add(toJson(item, path + "/" + index++));
                    }
                }
                return array;
            }
            case "string":
                return json.getNodeFactory().textNode(element.getTextContent());
            case "number":
                try {
                    JsonNode number = json.readTree(element.getTextContent().trim());
                    if (number == null || !number.isNumber()) {
                        throw new XmlRefused("SchemaViolation", path + ": fn:number must hold a JSON number");
                    }
                    return number;
                } catch (JsonProcessingException e) {
                    throw new XmlRefused("SchemaViolation", path + ": fn:number must hold a JSON number");
                }
            case "boolean":
                String text = element.getTextContent().trim();
                if (!text.equals("true") && !text.equals("false")) {
                    throw new XmlRefused("SchemaViolation", path + ": fn:boolean must be true or false");
                }
                return json.getNodeFactory().booleanNode(Boolean.parseBoolean(text));
            case "null":
                return json.getNodeFactory().nullNode();
            default:
                throw new XmlRefused("SchemaViolation", path + ": fn:" + element.getLocalName()
                        + " is not a JSON-in-XML element (map, array, string, number, boolean, null)");
        }
    }

    /** The {@code fn:} element for {@code value}, with {@code key} as its key attribute (null: none). */
    public Element toXml(Document document, JsonNode value, String key) {
        Element element;
        if (value.isObject()) {
            element = document.createElementNS(FN_NS, "fn:map");
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                element.appendChild(toXml(document, field.getValue(), field.getKey()));
            }
        } else if (value.isArray()) {
            element = document.createElementNS(FN_NS, "fn:array");
            value.forEach(item -> element.appendChild(toXml(document, item, null)));
        } else if (value.isNumber()) {
            element = document.createElementNS(FN_NS, "fn:number");
            element.setTextContent(value.toString());
        } else if (value.isBoolean()) {
            element = document.createElementNS(FN_NS, "fn:boolean");
            element.setTextContent(value.asText());
        } else if (value.isNull()) {
            element = document.createElementNS(FN_NS, "fn:null");
        } else {
            element = document.createElementNS(FN_NS, "fn:string");
            element.setTextContent(value.asText());
        }
        if (key != null) {
            element.setAttribute("key", key);
        }
        return element;
    }
}
