package vn.gov.lmi.hub.soap;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import com.fasterxml.jackson.databind.JsonNode;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Building blocks of the SOAP messages the hub writes (answers, outbound deliveries). */
public final class SoapEnvelopes {

    /** The hub's namespace, for its own elements (operations, delivery header). */
    public static final String HUB_NS = SoapExchange.NS;

    private SoapEnvelopes() {
    }

    public static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a JSON object's members as plain XML elements in {@code namespace} under {@code parent}. */
    public static void writePlain(Document document, Element parent, String namespace, JsonNode value) {
        PlainXml.write(document, parent, namespace, value);
    }
}
