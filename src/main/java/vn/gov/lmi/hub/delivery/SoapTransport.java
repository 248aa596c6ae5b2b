package vn.gov.lmi.hub.delivery;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import javax.xml.XMLConstants;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpMethods;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import vn.gov.lmi.hub.soap.SoapEnvelopes;
import vn.gov.lmi.hub.trust.HubSigner;
import vn.gov.lmi.hub.xml.HardenedXml;
import vn.gov.lmi.hub.xml.SoapSecurity;
import vn.gov.lmi.hub.xml.XmlRefused;

/**
 * SOAP push: the (mapped) record is written as plain XML in the partner's namespace inside the partner's
 * operation element, the delivery id, attempt and redelivery flag travel in an {@code lmi:Delivery} header,
 * and the envelope is signed by the hub (WS-Security: Body, Timestamp and that header) before it is POSTed
 * with camel-http.
 * A SOAP fault with a {@code Client} code is the partner refusing the message (dead letter); a {@code Server}
 * fault, 5xx without a fault, timeouts and connection errors are retried.
 */
final class SoapTransport implements Transport {

    private final ProducerTemplate producer;
    private final String url;
    private final String endpointUri;
    private final String namespace;
    private final String operation;
    private final String soapAction;
    private final HubSigner signer;
    private final ObjectMapper json;
    private final HardenedXml xml = new HardenedXml(4 << 20, 64);

    SoapTransport(ProducerTemplate producer, String url, String namespace, String operation, String soapAction,
                  HubSigner signer, ObjectMapper json, Duration connectTimeout, Duration responseTimeout) {
        URI parsed = URI.create(url);
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
            throw new IllegalArgumentException("url must be an http or https URL, not '" + url + "'");
        }
        if (!operation.matches("[A-Za-z_][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("operation '" + operation + "' is not an XML element name");
        }
        this.producer = producer;
        this.url = url;
        this.namespace = namespace;
        this.operation = operation;
        this.soapAction = soapAction;
        this.signer = signer;
        this.json = json;
        this.endpointUri = url + (url.contains("?") ? "&" : "?") + "throwExceptionOnFailure=false&followRedirects=false"
                + "&connectTimeout=" + connectTimeout.toMillis() + "&responseTimeout=" + responseTimeout.toMillis()
                + "&connectionRequestTimeout=" + connectTimeout.toMillis() + OutboundTlsConfiguration.option(url);
    }

    @Override
    public void send(OutgoingDelivery delivery) {
        byte[] envelope = envelope(delivery);
        Exchange answer = producer.send(endpointUri, exchange -> {
            exchange.getIn().setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "text/xml;charset=UTF-8");
            exchange.getIn().setHeader("SOAPAction", "\"" + soapAction + "\"");
            exchange.getIn().setBody(envelope);
        });
        if (answer.getException() != null) {
            throw RestTransport.classify(answer.getException());
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 200 && status < 300) {
            return;
        }
        String faultCode = faultCode(answer.getMessage().getBody(byte[].class));
        String local = faultCode == null ? null : faultCode.substring(faultCode.indexOf(':') + 1);
        if (local != null && (local.equals("Client") || local.startsWith("Client.") || local.equals("Sender"))) {
            throw DeliveryFailure.permanent("soap-fault-client", "the partner refused the message with a Client fault");
        }
        throw DeliveryFailure.retryable(faultCode != null ? "soap-fault-server" : "http-" + status,
                "partner answered HTTP " + status + (faultCode != null ? " with fault " + faultCode : ""),
                RestTransport.retryAfter(answer.getMessage().getHeader("Retry-After", String.class)));
    }

    private byte[] envelope(OutgoingDelivery delivery) {
        try {
            JsonNode record = json.readTree(delivery.body());
            if (!record.isObject()) {
                throw DeliveryFailure.permanent("mapping-error", "a SOAP delivery needs a JSON object to write as XML");
            }
            Document document = SoapEnvelopes.newDocument();
            Element envelope = document.createElementNS(SoapSecurity.SOAP_NS, "soap:Envelope");
            document.appendChild(envelope);
            Element header = document.createElementNS(SoapSecurity.SOAP_NS, "soap:Header");
            envelope.appendChild(header);
            Element about = document.createElementNS(SoapEnvelopes.HUB_NS, "lmi:Delivery");
            addText(document, about, "Id", delivery.deliveryId());
            addText(document, about, "Attempt", String.valueOf(delivery.attempt()));
            addText(document, about, "Redelivery", String.valueOf(delivery.redelivery()));
            header.appendChild(about);
            Element body = document.createElementNS(SoapSecurity.SOAP_NS, "soap:Body");
            envelope.appendChild(body);
            Element call = document.createElementNS(namespace, "p:" + operation);
            body.appendChild(call);
            try {
                SoapEnvelopes.writePlain(document, call, namespace, record);
            } catch (IllegalArgumentException e) {
                throw DeliveryFailure.permanent("mapping-error", e.getMessage());
            }
            // the delivery header (id, attempt, redelivery) is signed with the Body: partners de-duplicate by it
            SoapSecurity.sign(document, signer.privateKey(), signer.chain().get(0), Instant.now(), Duration.ofMinutes(5),
                    java.util.List.of(about));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.newTransformer().transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (java.io.IOException | javax.xml.transform.TransformerException e) {
            throw DeliveryFailure.permanent("mapping-error", "the SOAP message cannot be written: " + e.getMessage());
        }
    }

    private static void addText(Document document, Element parent, String name, String text) {
        Element element = document.createElementNS(SoapEnvelopes.HUB_NS, "lmi:" + name);
        element.setTextContent(text);
        parent.appendChild(element);
    }

    /** The faultcode of a SOAP fault answer, or null when the answer is not one. */
    private String faultCode(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            Document answer = xml.parse(body);
            var faults = answer.getElementsByTagNameNS(SoapSecurity.SOAP_NS, "Fault");
            if (faults.getLength() == 0) {
                return null;
            }
            var codes = ((Element) faults.item(0)).getElementsByTagName("faultcode");
            return codes.getLength() == 0 ? null : codes.item(0).getTextContent().trim();
        } catch (XmlRefused unreadable) {
            return null;
        }
    }

    @Override
    public String target() {
        return url + " (SOAP " + operation + ")";
    }

}
