package vn.gov.lmi.hub.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * The only way the hub reads XML from outside: no DTD at all (so no external entities, no entity expansion),
 * no XInclude, no external schema or stylesheet access, a size limit checked before parsing and a depth limit
 * checked by a streaming pass before any tree is built.
 */
public final class HardenedXml {

    private final int maxBytes;
    private final int maxDepth;

    public HardenedXml(int maxBytes, int maxDepth) {
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
    }

    public Document parse(byte[] xml) {
        if (xml.length > maxBytes) {
            throw new XmlRefused("Oversize", "the document has " + xml.length + " bytes; at most " + maxBytes + " are accepted");
        }
        checkStructure(xml);
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity '" + systemId + "' refused");
            });
            // no default handler: it would print parser messages (quoting input) to stderr
            builder.setErrorHandler(new org.xml.sax.ErrorHandler() {
                @Override
                public void warning(org.xml.sax.SAXParseException e) {
                }

                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser lacks a hardening feature: " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new XmlRefused("NotWellFormed", "the document is not well-formed XML: " + e.getMessage());
        }
    }

    /** A streaming pass that refuses a DOCTYPE and nesting deeper than the limit before a tree is built. */
    private void checkStructure(byte[] xml) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            int depth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new XmlRefused("DoctypeForbidden", "DOCTYPE declarations are not accepted (no DTDs, no entities)");
                }
                if (event == XMLStreamConstants.START_ELEMENT && ++depth > maxDepth) {
                    throw new XmlRefused("TooDeep", "elements are nested deeper than " + maxDepth + " levels");
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            throw new XmlRefused("NotWellFormed", "the document is not well-formed XML: " + e.getMessage());
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }
}
