package vn.gov.lmi.hub.soap;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * JSON written as the plain XML most partner WSDLs expect: each member becomes an element of its name in the
 * partner's namespace, arrays repeat the element, values become text, nulls are left out. A partner's JSLT
 * mapping shapes the record so that this XML is what its schema wants.
 */
final class PlainXml {

    private PlainXml() {
    }

    /** Appends {@code value}'s members under {@code parent}; member names must be XML names. */
    static void write(Document document, Element parent, String namespace, JsonNode value) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().matches("[A-Za-z_][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("member '" + field.getKey() + "' is not an XML element name; "
                        + "rename it in the partner's mapping");
            }
            if (field.getValue().isArray()) {
                field.getValue().forEach(item -> parent.appendChild(element(document, namespace, field.getKey(), item)));
            } else if (!field.getValue().isNull()) {
                parent.appendChild(element(document, namespace, field.getKey(), field.getValue()));
            }
        }
    }

    private static Element element(Document document, String namespace, String name, JsonNode value) {
        Element element = document.createElementNS(namespace, "p:" + name);
        if (value.isObject()) {
            write(document, element, namespace, value);
        } else if (!value.isNull()) {
            element.setTextContent(value.asText());
        }
        return element;
    }
}
