package vn.gov.lmi.hub.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import vn.gov.lmi.hub.support.TestPartners;
import vn.gov.lmi.hub.trust.PemFiles;

/**
 * WS-Security on the hub's XML-DSig code, envelope by envelope: a signed request verifies after travelling as
 * bytes (RSA and ECDSA demo certificates); an altered, wrapped, duplicated, stale, unsigned or foreign
 * envelope is refused with its fault code.
 */
class SoapSecurityTest {

    private static final String REQUEST = "<soap:Envelope xmlns:soap=\"" + SoapSecurity.SOAP_NS + "\"><soap:Body>"
            + "<lmi:SubmitRecords xmlns:lmi=\"https://lmi.molisa.gov.vn/ws/exchange/1\"><lmi:Dataset>job-vacancy</lmi:Dataset>"
            + "</lmi:SubmitRecords></soap:Body></soap:Envelope>";
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private final HardenedXml xml = new HardenedXml(1 << 20, 64);
    private final SoapSecurity security = new SoapSecurity(Duration.ofMinutes(5), Duration.ofSeconds(30));

    @Test
    void aSignedEnvelopeVerifiesAfterTheWireForRsaAndEcdsa() throws Exception {
        for (String partner : new String[] {"molisa-portal", "npsp"}) {
            Document received = wire(signed(partner, NOW.minusSeconds(5), Duration.ofMinutes(5)));
            SoapSecurity.Verified verified = security.verify(received, NOW);
            assertThat(verified.signer()).isEqualTo(certificate(partner));
            assertThat(verified.body().getTextContent()).isEqualTo("job-vacancy");
            assertThat(verified.created()).isEqualTo(NOW.minusSeconds(5));
        }
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() throws Exception {
        String tampered = serialize(signed("npsp", NOW, Duration.ofMinutes(5))).replace(">job-vacancy<", ">foreign-worker<");
        assertRefused(xml.parse(tampered.getBytes(StandardCharsets.UTF_8)), "SignatureInvalid", "changed after signing");
    }

    @Test
    void aSignedBodyMovedAsideForAnotherIsRefused() throws Exception {
        Document document = wire(signed("npsp", NOW, Duration.ofMinutes(5)));
        Element envelope = document.getDocumentElement();
        Element signedBody = SoapSecurity.child(envelope, SoapSecurity.SOAP_NS, "Body");
        Element header = SoapSecurity.child(envelope, SoapSecurity.SOAP_NS, "Header");
        Element wrapper = document.createElementNS("urn:attacker", "x:Wrapper");
        header.appendChild(wrapper);
        wrapper.appendChild(signedBody);
        Element forged = (Element) document.importNode(xml.parse(REQUEST.replace("job-vacancy", "labor-supply-person")
                .getBytes(StandardCharsets.UTF_8)).getDocumentElement().getFirstChild(), true);
        envelope.appendChild(forged);
        assertRefused(wire(document), "SignatureInvalid", null);

        Document copied = wire(signed("npsp", NOW, Duration.ofMinutes(5)));
        Element body = SoapSecurity.child(copied.getDocumentElement(), SoapSecurity.SOAP_NS, "Body");
        copied.getDocumentElement().appendChild(body.cloneNode(true));
        assertRefused(wire(copied), "SignatureInvalid", "exactly one Body");
    }

    @Test
    void aSignedHeaderBlockVerifiesAndCannotBeChanged() throws Exception {
        Document document = xml.parse(REQUEST.getBytes(StandardCharsets.UTF_8));
        Element header = document.createElementNS(SoapSecurity.SOAP_NS, "soap:Header");
        document.getDocumentElement().insertBefore(header, document.getDocumentElement().getFirstChild());
        Element delivery = document.createElementNS("https://lmi.molisa.gov.vn/ws/exchange/1", "lmi:Delivery");
        delivery.setTextContent("npsp:dossier-status:7");
        header.appendChild(delivery);
        SoapSecurity.sign(document, PemFiles.readPrivateKey(Path.of(TestPartners.identity("npsp") + ".key.pem")),
                certificate("npsp"), NOW, Duration.ofMinutes(5), java.util.List.of(delivery));
        String signed = serialize(document);
        assertThat(security.verify(xml.parse(signed.getBytes(StandardCharsets.UTF_8)), NOW).signer()).isEqualTo(certificate("npsp"));
        assertRefused(xml.parse(signed.replace("npsp:dossier-status:7", "npsp:dossier-status:8").getBytes(StandardCharsets.UTF_8)),
                "SignatureInvalid", "changed after signing");
    }

    @Test
    void aStaleOrFutureTimestampIsRefused() throws Exception {
        assertRefused(wire(signed("npsp", NOW.minus(Duration.ofMinutes(10)), Duration.ofMinutes(5))), "TimestampExpired", "freshness window");
        assertRefused(wire(signed("npsp", NOW.plus(Duration.ofMinutes(2)), Duration.ofMinutes(5))), "TimestampInvalid", "in the future");
    }

    @Test
    void unsignedAndForeignEnvelopesAreRefused() throws Exception {
        assertRefused(xml.parse(REQUEST.getBytes(StandardCharsets.UTF_8)), "SignatureRequired", "no wsse:Security header");
        String soap12 = REQUEST.replace(SoapSecurity.SOAP_NS, "http://www.w3.org/2003/05/soap-envelope");
        assertRefused(xml.parse(soap12.getBytes(StandardCharsets.UTF_8)), "WrongNamespace", "not a SOAP 1.1 Envelope");
    }

    private Document signed(String partner, Instant created, Duration lifetime) {
        Document document = xml.parse(REQUEST.getBytes(StandardCharsets.UTF_8));
        PrivateKey key = PemFiles.readPrivateKey(Path.of(TestPartners.identity(partner) + ".key.pem"));
        SoapSecurity.sign(document, key, certificate(partner), created, lifetime);
        return document;
    }

    private static X509Certificate certificate(String partner) {
        return PemFiles.readCertificate(Path.of(TestPartners.identity(partner) + ".crt.pem"));
    }

    private void assertRefused(Document envelope, String code, String messagePart) {
        assertThatThrownBy(() -> security.verify(envelope, NOW)).isInstanceOfSatisfying(XmlRefused.class, refused -> {
            assertThat(refused.code()).isEqualTo(code);
            if (messagePart != null) {
                assertThat(refused.getMessage()).contains(messagePart);
            }
        });
    }

    /** Serialised and read back through the hardened parser, as the envelope would arrive. */
    private Document wire(Document document) throws Exception {
        return xml.parse(serialize(document).getBytes(StandardCharsets.UTF_8));
    }

    private static String serialize(Document document) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
        return out.toString(StandardCharsets.UTF_8);
    }
}
