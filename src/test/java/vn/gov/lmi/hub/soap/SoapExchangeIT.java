package vn.gov.lmi.hub.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import vn.gov.lmi.hub.support.Examples;
import vn.gov.lmi.hub.support.HubIntegrationTest;
import vn.gov.lmi.hub.support.TestPartners;
import vn.gov.lmi.hub.trust.PemFiles;
import vn.gov.lmi.hub.xml.HardenedXml;
import vn.gov.lmi.hub.xml.SoapSecurity;

/**
 * The SOAP service over HTTPS with a client certificate and WS-Security, as a partner uses it: every operation,
 * records that cross between SOAP and REST unchanged, signed answers, and a corpus of bad inputs, each refused
 * within 2 s with its fault code and nothing stored.
 */
class SoapExchangeIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = SoapExchange.NS;
    private static final HardenedXml XML = new HardenedXml(32 << 20, 200);
    private final JsonXml jsonXml = new JsonXml(JSON);

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theCatalogIsAnsweredAndTheAnswerIsSignedByTheHub() throws Exception {
        HttpResponse<String> response = call(PARTNER, sign(PARTNER, "<lmi:GetDatasetCatalog/>"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Document answer = XML.parse(response.body().getBytes(StandardCharsets.UTF_8));
        SoapSecurity.Verified signed = new SoapSecurity(Duration.ofMinutes(5), Duration.ofMinutes(1)).verify(answer, Instant.now());
        assertThat(signed.signer().getSubjectX500Principal().getName()).startsWith("CN=LMI Exchange Hub signing");
        TestPartners.demoTrust().validate(java.util.List.of(signed.signer()));
        assertThat(answer.getElementsByTagNameNS(NS, "Id").getLength()).isEqualTo(7);
    }

    @Test
    void aRecordSubmittedOverSoapIsPulledOverRestUnchanged() throws Exception {
        ObjectNode vacancy = (ObjectNode) JSON.readTree(Examples.firstValid("job-vacancy"));
        vacancy.put("vacancyId", "SOAP-" + UUID.randomUUID().toString().substring(0, 8));
        String key = "soap-" + UUID.randomUUID();
        HttpResponse<String> response = call(PARTNER, sign(PARTNER, "<lmi:SubmitRecords><lmi:Dataset>job-vacancy</lmi:Dataset>"
                + "<lmi:IdempotencyKey>" + key + "</lmi:IdempotencyKey><lmi:Record>" + fnXml(vacancy) + "</lmi:Record>"
                + "</lmi:SubmitRecords>"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Document answer = XML.parse(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(text(answer, "Accepted")).isEqualTo("1");
        assertThat(text(answer, "Status")).isEqualTo("created");
        String recordKey = text(answer, "Key");

        HttpResponse<String> pulled = get("/datasets/job-vacancy/records/" + java.net.URLEncoder.encode(recordKey, StandardCharsets.UTF_8));
        assertThat(pulled.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(pulled.body()).path("data")).isEqualTo(vacancy);
    }

    @Test
    void aRecordSubmittedOverRestIsReadOverSoapUnchangedInPagesAndByKey() throws Exception {
        ObjectNode vacancy = (ObjectNode) JSON.readTree(Examples.firstValid("job-vacancy"));
        vacancy.put("vacancyId", "REST-" + UUID.randomUUID().toString().substring(0, 8));
        HttpResponse<String> receipt = post("/datasets/job-vacancy/records", vacancy.toString());
        assertThat(receipt.statusCode()).isEqualTo(202);
        String recordKey = JSON.readTree(receipt.body()).path("records").get(0).path("key").asText();

        Document one = XML.parse(call(PARTNER, sign(PARTNER, "<lmi:GetRecord><lmi:Dataset>job-vacancy</lmi:Dataset><lmi:Key>"
                + recordKey + "</lmi:Key></lmi:GetRecord>")).body().getBytes(StandardCharsets.UTF_8));
        Element data = (Element) one.getElementsByTagNameNS(NS, "Data").item(0);
        assertThat(jsonXml.toJson(firstElement(data), "")).isEqualTo(vacancy);

        Document page = XML.parse(call(PARTNER, sign(PARTNER, "<lmi:GetRecords><lmi:Dataset>job-vacancy</lmi:Dataset>"
                + "<lmi:After>0</lmi:After><lmi:Limit>1000</lmi:Limit></lmi:GetRecords>")).body().getBytes(StandardCharsets.UTF_8));
        assertThat(page.getElementsByTagNameNS(NS, "Record").getLength()).isPositive();
        assertThat(text(page, "HasMore")).isEqualTo("false");
    }

    @Test
    void dossierStatusIsSyncedIntoItsDataset() throws Exception {
        JsonNode dossier = JSON.readTree(Examples.firstValid("dossier-status"));
        HttpResponse<String> response = call("npsp", sign("npsp", "<lmi:SyncDossierStatus><lmi:IdempotencyKey>dossier-"
                + UUID.randomUUID() + "</lmi:IdempotencyKey><lmi:Dossier>" + fnXml(dossier) + "</lmi:Dossier></lmi:SyncDossierStatus>"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Document answer = XML.parse(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(text(answer, "Dataset")).isEqualTo("dossier-status");
        assertThat(text(answer, "Key")).isEqualTo(dossier.path("maHoSo").asText());
    }

    /** Each signed-then-spoiled input, and each file of src/test/resources/soap-bad, with its fault code. */
    @Test
    void badInputsAreRefusedQuicklyWithTheirFaultCodeAndNothingIsStored() throws Exception {
        String valid = sign(PARTNER, submitBody("bad-" + UUID.randomUUID()));
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("unsigned", Files.readString(Path.of("src/test/resources/soap-bad/unsigned.xml")) + "\tSignatureRequired");
        cases.put("altered body", valid.replace("<lmi:Dataset>job-vacancy</lmi:Dataset>", "<lmi:Dataset>foreign-worker</lmi:Dataset>")
                + "\tSignatureInvalid");
        cases.put("wrapping (signed body moved)", wrapped(valid) + "\tSignatureInvalid");
        cases.put("expired timestamp", signAt(PARTNER, submitBody("old-" + UUID.randomUUID()), Instant.now().minus(Duration.ofMinutes(20)))
                + "\tTimestampExpired");
        cases.put("header block that must be understood", sign(PARTNER, "<lmi:GetDatasetCatalog/>").replace("<soap:Header>",
                "<soap:Header><x:Routing xmlns:x=\"urn:other\" soap:mustUnderstand=\"1\">elsewhere</x:Routing>") + "\tMustUnderstand");
        cases.put("wrong namespace", Files.readString(Path.of("src/test/resources/soap-bad/soap12-envelope.xml")) + "\tWrongNamespace");
        cases.put("schema violation", sign(PARTNER, "<lmi:SubmitRecords><lmi:Dataset>Not A Dataset</lmi:Dataset>"
                + "<lmi:IdempotencyKey>k</lmi:IdempotencyKey></lmi:SubmitRecords>") + "\tSchemaViolation");
        cases.put("record breaking its JSON Schema", sign(PARTNER, "<lmi:SubmitRecords><lmi:Dataset>job-vacancy</lmi:Dataset>"
                + "<lmi:IdempotencyKey>bad-record-" + UUID.randomUUID() + "</lmi:IdempotencyKey><lmi:Record><fn:map xmlns:fn=\""
                + JsonXml.FN_NS + "\"><fn:string key=\"vacancyId\">x</fn:string></fn:map></lmi:Record></lmi:SubmitRecords>")
                + "\tSchemaViolation");
        cases.put("XXE to a file", Files.readString(Path.of("src/test/resources/soap-bad/xxe-file.xml")) + "\tDoctypeForbidden");
        cases.put("billion laughs", Files.readString(Path.of("src/test/resources/soap-bad/billion-laughs.xml")) + "\tDoctypeForbidden");
        cases.put("deep nesting", "<soap:Envelope xmlns:soap=\"" + SoapSecurity.SOAP_NS + "\"><soap:Body>" + "<a>".repeat(100)
                + "</a>".repeat(100) + "</soap:Body></soap:Envelope>\tTooDeep");
        cases.put("oversize", "<soap:Envelope xmlns:soap=\"" + SoapSecurity.SOAP_NS + "\"><soap:Body><x>" + "y".repeat(1_100_000)
                + "</x></soap:Body></soap:Envelope>\tOversize");
        long stored = jdbc.queryForObject("SELECT COUNT(*) FROM record_version", Long.class);
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            String[] parts = bad.getValue().split("\t");
            assertFault(bad.getKey(), parts[0], parts[1]);
        }
        assertThat(call(PARTNER, valid).statusCode()).as("the unspoiled request").isEqualTo(200);
        assertFault("replayed", valid, "Duplicate");
        // the signature value's text can be varied without breaking it; the replay is still recognised
        String varied = valid.replaceFirst("(<ds:SignatureValue>)", "$1\n");
        assertThat(varied).isNotEqualTo(valid);
        assertFault("replayed with a re-wrapped SignatureValue", varied, "Duplicate");
        assertFault("replayed with junk in the SignatureValue", valid.replaceFirst("(<ds:SignatureValue>)", "$1*."),
                "SignatureInvalid");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM record_version", Long.class)).isEqualTo(stored + 1);
    }

    @Test
    void anExternalEntityUrlTouchesNoPort() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            listener.setSoTimeout(500);
            String attack = Files.readString(Path.of("src/test/resources/soap-bad/xxe-url.xml"))
                    .replace("PORT", String.valueOf(listener.getLocalPort()));
            assertFault("XXE to a URL", attack, "DoctypeForbidden");
            org.assertj.core.api.Assertions.assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aRequestSignedByAnotherPartnerThanTheTlsClientIsNotAuthorized() throws Exception {
        assertFault("signer is npsp, TLS client is dolisa-hanoi", sign("npsp", "<lmi:GetDatasetCatalog/>"), "NotAuthorized");
    }

    private void assertFault(String name, String envelope, String code) throws Exception {
        Instant start = Instant.now();
        HttpResponse<String> response = call(PARTNER, envelope);
        assertThat(Duration.between(start, Instant.now())).as(name + " answered within 2 s").isLessThan(Duration.ofSeconds(2));
        assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(500);
        Document fault = XML.parse(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(text(fault, "Code")).as(name).isEqualTo(code);
        assertThat(response.body()).doesNotContain("root:x:0:0");
    }

    private HttpResponse<String> call(String partner, String envelope) {
        return send(partner, HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/services/exchange"))
                .header("Content-Type", "text/xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build());
    }

    private static String submitBody(String idempotencyKey) throws Exception {
        ObjectNode vacancy = (ObjectNode) JSON.readTree(Examples.firstValid("job-vacancy"));
        vacancy.put("vacancyId", "B-" + UUID.randomUUID().toString().substring(0, 8));
        return "<lmi:SubmitRecords><lmi:Dataset>job-vacancy</lmi:Dataset><lmi:IdempotencyKey>" + idempotencyKey
                + "</lmi:IdempotencyKey><lmi:Record>" + new SoapExchangeIT().fnXml(vacancy) + "</lmi:Record></lmi:SubmitRecords>";
    }

    private String fnXml(JsonNode value) throws Exception {
        Document document = XML.parse("<x/>".getBytes(StandardCharsets.UTF_8));
        Element element = jsonXml.toXml(document, value, null);
        element.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:fn", JsonXml.FN_NS);
        String serialized = serialize(element);
        return serialized.substring(serialized.indexOf("?>") + 2);
    }

    private static String sign(String partner, String payload) throws Exception {
        return signAt(partner, payload, Instant.now());
    }

    private static String signAt(String partner, String payload, Instant created) throws Exception {
        Document envelope = XML.parse(("<soap:Envelope xmlns:soap=\"" + SoapSecurity.SOAP_NS + "\" xmlns:lmi=\"" + NS
                + "\"><soap:Body>" + payload + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8));
        SoapSecurity.sign(envelope, PemFiles.readPrivateKey(Path.of(TestPartners.identity(partner) + ".key.pem")),
                PemFiles.readCertificate(Path.of(TestPartners.identity(partner) + ".crt.pem")), created, Duration.ofMinutes(5));
        return serialize(envelope);
    }

    /** The signed Body moved into a header wrapper and a forged Body put in its place. */
    private static String wrapped(String signed) throws Exception {
        Document document = XML.parse(signed.getBytes(StandardCharsets.UTF_8));
        Element envelope = document.getDocumentElement();
        Element body = (Element) document.getElementsByTagNameNS(SoapSecurity.SOAP_NS, "Body").item(0);
        Element header = (Element) document.getElementsByTagNameNS(SoapSecurity.SOAP_NS, "Header").item(0);
        Element wrapper = document.createElementNS("urn:attacker", "x:Wrapper");
        header.appendChild(wrapper);
        wrapper.appendChild(body);
        Element forged = document.createElementNS(SoapSecurity.SOAP_NS, "soap:Body");
        forged.appendChild(document.createElementNS(NS, "lmi:GetDatasetCatalog"));
        envelope.appendChild(forged);
        return serialize(document);
    }

    private static String serialize(org.w3c.dom.Node node) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(node), new StreamResult(out));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String text(Document document, String localName) {
        return document.getElementsByTagNameNS(NS, localName).item(0).getTextContent();
    }

    private static Element firstElement(Element parent) {
        for (org.w3c.dom.Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                return element;
            }
        }
        return null;
    }
}
