package vn.gov.lmi.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.gov.lmi.hub.partners.SubmissionSignatures;
import vn.gov.lmi.hub.support.Examples;
import vn.gov.lmi.hub.support.FakePartner;
import vn.gov.lmi.hub.support.HubIntegrationTest;
import vn.gov.lmi.hub.support.TestPartners;
import vn.gov.lmi.hub.trust.HubSigner;
import vn.gov.lmi.hub.trust.JwsPolicy;

/**
 * Store-and-forward with real parts: the hub's broker, delivery routes loaded from route files, partners as HTTP
 * servers on localhost. A partner that is down, erroring or slow is retried with back-off while the others keep
 * flowing; a 400 goes straight to dead letters and is replayed once its mapping is fixed; versions of a record
 * arrive in order despite retries; JMS push and the JMS inbox work through the same pipeline.
 */
class DeliveryIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakePartner FLAKY = FakePartner.listening();
    private static final FakePartner STEADY = FakePartner.listening();
    private static final FakePartner STRICT = FakePartner.listening();
    private static final FakePartner ORDERING = FakePartner.listening();
    /** This context's HTTPS port, fixed before start so that route files can name the CXF partner service on it. */
    private static final int PORT = freePort();
    /** What the CXF partner service received: signed, schema-valid calls, by delivery id. */
    private static final List<String> SOAP_RECEIVED = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final Path OWN_HOME = ownHome();
    private static final String BROKEN_MAPPING = "{\"soDinhDanh\": .data.citizenId, \"phienBan\": .version}\n";
    private static final String FIXED_MAPPING = "{\"maDinhDanh\": .data.citizenId, \"phienBan\": .version}\n";

    @DynamicPropertySource
    static void ownHub(DynamicPropertyRegistry registry) {
        registry.add("hub.home", OWN_HOME::toString);
        registry.add("hub.routes-dir", () -> OWN_HOME.resolve("routes").toString());
        registry.add("server.port", () -> String.valueOf(PORT));
        // the partners of this test are plain-http servers on localhost
        registry.add("hub.events.allow-plain-http-delivery", () -> "true");
    }

    /**
     * A partner's SOAP service built by CXF from the partner's own WSDL (test resources), served by this test's
     * hub behind its mutual TLS, so the hub calls it with its client certificate. It accepts a call only if the
     * hub's WS-Security signature verifies and the payload satisfies the partner's schema.
     */
    @org.springframework.boot.test.context.TestConfiguration
    static class NpspDossierService {
        @org.springframework.context.annotation.Bean
        org.apache.camel.builder.RouteBuilder npspDossierServiceRoute() {
            return new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() throws Exception {
                    javax.xml.validation.Schema contract = javax.xml.validation.SchemaFactory
                            .newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
                            .newSchema(Path.of("src/test/resources/partner-wsdl/npsp-dossier.xsd").toFile());
                    vn.gov.lmi.hub.xml.HardenedXml xml = new vn.gov.lmi.hub.xml.HardenedXml(1 << 20, 64);
                    from("cxf:/partner-npsp?dataFormat=RAW&wsdlURL="
                            + Path.of("src/test/resources/partner-wsdl/npsp-dossier.wsdl").toAbsolutePath().toUri()
                            + "&serviceName={urn:npsp:dvcqg:hoso:1}HoSoService&portName={urn:npsp:dvcqg:hoso:1}HoSoPort")
                            .routeId("test-partner-npsp")
                            .process(exchange -> {
                                String answer = "<soap:Envelope xmlns:soap=\"" + vn.gov.lmi.hub.xml.SoapSecurity.SOAP_NS
                                        + "\"><soap:Body/></soap:Envelope>";
                                try {
                                    org.w3c.dom.Document envelope = xml.parse(exchange.getIn().getBody(byte[].class));
                                    vn.gov.lmi.hub.xml.SoapSecurity.Verified signed = new vn.gov.lmi.hub.xml.SoapSecurity(
                                            Duration.ofMinutes(5), Duration.ofMinutes(1)).verify(envelope, java.time.Instant.now());
                                    TestPartners.demoTrust().validate(List.of(signed.signer()));
                                    org.w3c.dom.Element call = (org.w3c.dom.Element) signed.body().getElementsByTagNameNS(
                                            "urn:npsp:dvcqg:hoso:1", "CapNhatTrangThaiHoSo").item(0);
                                    contract.newValidator().validate(new javax.xml.transform.dom.DOMSource(call));
                                    SOAP_RECEIVED.add(envelope.getElementsByTagNameNS(SoapExchangeNs.NS, "Id").item(0).getTextContent()
                                            + "|" + call.getElementsByTagNameNS("urn:npsp:dvcqg:hoso:1", "MaHoSo").item(0).getTextContent());
                                } catch (Exception refused) {
                                    answer = "<soap:Envelope xmlns:soap=\"" + vn.gov.lmi.hub.xml.SoapSecurity.SOAP_NS
                                            + "\"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>"
                                            + refused.getMessage() + "</faultstring></soap:Fault></soap:Body></soap:Envelope>";
                                    exchange.getMessage().setHeader(org.apache.camel.Exchange.HTTP_RESPONSE_CODE, 500);
                                }
                                exchange.getMessage().setBody(new java.io.ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
                            });
                }
            };
        }
    }

    private static final class SoapExchangeNs {
        static final String NS = vn.gov.lmi.hub.soap.SoapExchange.NS;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionFactory connectionFactory;

    @Autowired
    CamelContext camel;

    @AfterAll
    static void stopPartners() {
        List.of(FLAKY, STEADY, STRICT, ORDERING).forEach(FakePartner::close);
    }

    @Test
    void aPartnerDownThenFailingThenSlowIsRetriedWithBackOffWhileOthersKeepFlowing() throws Exception {
        FLAKY.stop();
        String vacancy = vacancy("flaky-" + UUID.randomUUID());
        HttpResponse<String> receipt = post("/datasets/job-vacancy/records", vacancy);
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
        long seq = seqOf(receipt);
        String flakyId = "molisa-portal:job-vacancy:" + seq;
        String steadyId = "dolisa-hanoi:job-vacancy:" + seq;

        await().atMost(Duration.ofSeconds(20)).until(() -> STEADY.accepted(steadyId).size() == 1);
        assertThat(FLAKY.received()).noneMatch(r -> r.deliveryId().equals(flakyId));
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(flakyId) >= 2);

        AtomicInteger calls = new AtomicInteger();
        FLAKY.answer(r -> switch (calls.incrementAndGet()) {
            case 1, 2, 3 -> 503;
            case 4, 5 -> FakePartner.SLOW;
            default -> 200;
        });
        FLAKY.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> FLAKY.accepted(flakyId).size() == 1);

        List<FakePartner.Received> tries = FLAKY.received().stream().filter(r -> r.deliveryId().equals(flakyId)).toList();
        assertThat(tries).extracting(FakePartner.Received::status).containsExactly(503, 503, 503, 0, 0, 200);
        assertThat(tries).extracting(FakePartner.Received::attempt).isSorted();
        assertThat(tries).allMatch(FakePartner.Received::redelivery);
        for (int i = 1; i < tries.size(); i++) {
            assertThat(Duration.between(tries.get(i - 1).at(), tries.get(i).at())).as("back-off before try " + (i + 1))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(30));
        }
        assertThat(STEADY.accepted(steadyId)).hasSize(1);
        assertThat(archived(flakyId)).containsEntry("status", "delivered");
        assertThat(JwsPolicy.verify(tries.get(5).signature(), tries.get(5).body().getBytes(StandardCharsets.UTF_8),
                TestPartners.demoTrust()).headerParameter("lmi-delivery-id")).isEqualTo(flakyId);
    }

    @Test
    void a400GoesStraightToDeadLettersAndIsDeliveredOnceAfterTheMappingIsFixed() throws Exception {
        Path mapping = OWN_HOME.resolve("routes/npsp/person.jslt");
        Files.writeString(mapping, BROKEN_MAPPING);
        STRICT.answer(r -> r.body().contains("\"maDinhDanh\"") ? 200 : 400);
        ObjectNode person = (ObjectNode) JSON.readTree(Examples.firstValid("labor-supply-person"));
        person.put("collectionDate", "2026-02-" + (10 + (int) (Math.random() * 18)));
        HttpResponse<String> receipt = post("/datasets/labor-supply-person/records", person.toString());
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
        String deliveryId = "npsp:labor-supply-person:" + seqOf(receipt);

        JsonNode letters = await().atMost(Duration.ofSeconds(20)).until(() -> ops("GET", "/dead-letters?endpoint=npsp.labor-supply-person"),
                body -> body.path("deadLetters").findValuesAsText("deliveryId").contains(deliveryId));
        JsonNode letter = find(letters.path("deadLetters"), deliveryId);
        assertThat(letter.path("reason").asText()).isEqualTo("http-400");
        assertThat(letter.path("attempts").asInt()).as("a 400 is not retried").isEqualTo(1);
        assertThat(STRICT.received().stream().filter(r -> r.deliveryId().equals(deliveryId))).hasSize(1);
        assertThat(ops("GET", "/dead-letters/" + deliveryId).path("event").path("seq").asLong()).isEqualTo(seqOf(receipt));

        Files.writeString(mapping, FIXED_MAPPING);
        // a new modification time even on coarse file systems
        Files.setLastModifiedTime(mapping, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(5)));
        assertThat(ops("POST", "/dead-letters/" + deliveryId + "/replay").path("result").asText()).isEqualTo("replayed");
        await().atMost(Duration.ofSeconds(20)).until(() -> STRICT.accepted(deliveryId).size() == 1);
        assertThat(ops("GET", "/dead-letters?endpoint=npsp.labor-supply-person").path("deadLetters").findValuesAsText("deliveryId"))
                .doesNotContain(deliveryId);
        assertThat(STRICT.accepted(deliveryId).get(0).redelivery()).isTrue();
        assertThat(jdbc.queryForList("SELECT operation, outcome FROM message_log WHERE message_id = ? ORDER BY seq", deliveryId))
                .containsExactly(Map.of("operation", "deliver", "outcome", "dead-lettered"),
                        Map.of("operation", "replay", "outcome", "delivered"));
        assertThat(ops("POST", "/dead-letters/" + deliveryId + "/replay", 404).path("type").asText()).endsWith("/resource-not-found");
    }

    @Test
    void versionsOfOneRecordArriveInOrderDespiteRetries() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ORDERING.answer(r -> calls.incrementAndGet() % 2 == 1 ? 503 : 200);
        ObjectNode statistics = (ObjectNode) JSON.readTree(Examples.firstValid("labor-market-statistics"));
        statistics.put("period", "2031");
        for (int version = 1; version <= 5; version++) {
            statistics.put("reportDate", "2031-0" + version + "-15");
            assertThat(post("/datasets/labor-market-statistics/records", statistics.toString()).statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> versionsAccepted().size() == 5);
        assertThat(versionsAccepted()).containsExactly(1, 2, 3, 4, 5);
        assertThat(calls.get()).as("every version failed once before it was accepted").isGreaterThanOrEqualTo(10);
    }

    @Test
    void jmsPushCarriesTheDeliveryIdAsDuplicateIdAndTheHubsSignature() throws Exception {
        HttpResponse<String> receipt = post("/datasets/labor-demand-employer/records", Examples.firstValid("labor-demand-employer"));
        assertThat(receipt.statusCode()).as(receipt.body()).isIn(202);
        String deliveryId = "molisa-portal:labor-demand-employer:" + seqOf(receipt);
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer consumer = context.createConsumer(context.createQueue("partner.molisa.demand"),
                     "deliveryId = '" + deliveryId + "'")) {
            Message message = consumer.receive(20_000);
            assertThat(message).isNotNull();
            assertThat(message.getStringProperty("_AMQ_DUPL_ID")).isEqualTo(deliveryId);
            String body = ((TextMessage) message).getText();
            assertThat(JSON.readTree(body).path("seq").asLong()).isEqualTo(seqOf(receipt));
            JwsPolicy.verify(message.getStringProperty(HubSigner.SIGNATURE_PROPERTY), body.getBytes(StandardCharsets.UTF_8),
                    TestPartners.demoTrust());

            assertThat(ops("POST", "/deliveries/" + deliveryId + "/resend").path("result").asText()).isEqualTo("queued");
            Message again = consumer.receive(20_000);
            assertThat(again).as("a resend passes the broker's duplicate detection").isNotNull();
            assertThat(again.getStringProperty("deliveryId")).isEqualTo(deliveryId);
            assertThat(again.getBooleanProperty("redelivery")).isTrue();
        }
    }

    @Test
    void anInboxMessageWhoseProcessingThrowsIsRedeliveredAndStoredOnce() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        AdviceWith.adviceWith(camel, "dolisa-hanoi.inbox", route -> route.weaveAddLast().process(exchange -> {
            if (failures.getAndIncrement() == 0) {
                throw new IllegalStateException("fault injected after the first processing");
            }
        }));
        ObjectNode vacancy = (ObjectNode) JSON.readTree(vacancy("inbox-" + UUID.randomUUID()));
        byte[] body = JSON.writeValueAsBytes(vacancy);
        String key = "jms-" + UUID.randomUUID();
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            var replies = context.createTemporaryQueue();
            TextMessage message = context.createTextMessage(new String(body, StandardCharsets.UTF_8));
            message.setStringProperty("dataset", "job-vacancy");
            message.setStringProperty("idempotencyKey", key);
            message.setStringProperty(HubSigner.SIGNATURE_PROPERTY, TestPartners.sign(PARTNER, body, "job-vacancy", key));
            message.setJMSReplyTo(replies);
            context.createProducer().send(context.createQueue("lmi.in.dolisa-hanoi"), message);

            Message reply = context.createConsumer(replies).receive(30_000);
            assertThat(reply).isNotNull();
            assertThat(reply.getIntProperty("status")).isEqualTo(202);
            assertThat(failures.get()).as("processed twice: the first run threw").isEqualTo(2);
        }
        String vacancyKey = vacancy.path("serviceCentreCode").asText() + ":" + vacancy.path("vacancyId").asText();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM record_version WHERE dataset_id = 'job-vacancy' AND record_key = ?",
                Integer.class, vacancyKey)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT outcome FROM message_log WHERE partner = 'dolisa-hanoi' AND operation = 'submit' "
                + "AND payload_sha256 = ? ORDER BY seq", String.class, vn.gov.lmi.hub.trust.Digests.sha256Hex(body)))
                .containsExactly("accepted", "replayed");
    }

    @Test
    void anInboxMessageWithABadSignatureIsRefusedToTheInboxDeadLettersAndNothingIsStored() throws Exception {
        byte[] body = JSON.writeValueAsBytes(JSON.readTree(vacancy("bad-" + UUID.randomUUID())));
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM record_version", Long.class);
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            TextMessage message = context.createTextMessage(new String(body, StandardCharsets.UTF_8));
            message.setStringProperty("dataset", "job-vacancy");
            message.setStringProperty("idempotencyKey", "bad-sig");
            message.setStringProperty(HubSigner.SIGNATURE_PROPERTY, TestPartners.sign("npsp", body, "job-vacancy", "bad-sig"));
            context.createProducer().send(context.createQueue("lmi.in.dolisa-hanoi"), message);
            Message refusal = context.createConsumer(context.createQueue("lmi.refused.dolisa-hanoi"), "idempotencyKey = 'bad-sig'").receive(20_000);
            assertThat(refusal).isNotNull();
            assertThat(refusal.getStringProperty("reason")).isEqualTo("signer-not-client");
            assertThat(JSON.readTree(refusal.getStringProperty("problem")).path("detail").asText())
                    .contains("registered to 'npsp', but the sender is 'dolisa-hanoi'");
            assertThat(refusal.getBody(byte[].class)).as("the refused message itself comes back").isEqualTo(body);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM record_version", Long.class)).isEqualTo(before);
    }

    @Test
    void anOversizeInboxMessageIsRefusedAndNothingIsStored() throws Exception {
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM record_version", Long.class);
        byte[] body = ("[" + " ".repeat(1_100_000) + "]").getBytes(StandardCharsets.UTF_8);
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            var message = context.createBytesMessage();
            message.writeBytes(body);
            message.setStringProperty("dataset", "job-vacancy");
            message.setStringProperty("idempotencyKey", "too-big");
            message.setStringProperty(HubSigner.SIGNATURE_PROPERTY, TestPartners.sign(PARTNER, body, "job-vacancy", "too-big"));
            context.createProducer().send(context.createQueue("lmi.in.dolisa-hanoi"), message);
            Message refusal = context.createConsumer(context.createQueue("lmi.refused.dolisa-hanoi"), "idempotencyKey = 'too-big'")
                    .receive(20_000);
            assertThat(refusal).isNotNull();
            assertThat(refusal.getStringProperty("reason")).isEqualTo("payload-too-large");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM record_version", Long.class)).isEqualTo(before);
    }

    @Test
    void anyArchivedDeliveryCanBeResentWithItsDeliveryId() throws Exception {
        HttpResponse<String> receipt = post("/datasets/job-vacancy/records", vacancy("resend-" + UUID.randomUUID()));
        String deliveryId = "dolisa-hanoi:job-vacancy:" + seqOf(receipt);
        await().atMost(Duration.ofSeconds(20)).until(() -> STEADY.accepted(deliveryId).size() == 1);
        assertThat(STEADY.accepted(deliveryId).get(0).redelivery()).isFalse();
        assertThat(ops("POST", "/deliveries/" + deliveryId + "/resend").path("result").asText()).isEqualTo("queued");
        await().atMost(Duration.ofSeconds(20)).until(() -> STEADY.accepted(deliveryId).size() == 2);
        assertThat(STEADY.accepted(deliveryId).get(1).redelivery()).isTrue();
        assertThat(STEADY.accepted(deliveryId).get(1).body()).isEqualTo(STEADY.accepted(deliveryId).get(0).body());
        assertThat(ops("GET", "/deliveries/" + deliveryId).path("timesSent").asInt()).isEqualTo(2);
    }

    @Test
    void aRouteFileWithAMistypedParameterIsRefusedButItsQueueKeepsTheRecords() throws Exception {
        JsonNode health = JSON.readTree(send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + managementPort
                + "/actuator/health")).GET().build()).body());
        assertThat(health.path("components").path("deliveries").path("details").path("routeFilesRefused")
                .path("npsp/foreign-workers.yaml").asText()).startsWith("npsp/foreign-workers.yaml:12: unknown parameter 'retryMaxAtempts' for template rest-push");
        HttpResponse<String> receipt = post("/datasets/foreign-worker/records", Examples.firstValid("foreign-worker"));
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
        long seq = seqOf(receipt);
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             var browser = context.createBrowser(context.createQueue("lmi.records.foreign-worker::lmi.sub.npsp.foreign-worker"),
                     "seq = " + seq)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> browser.getEnumeration().hasMoreElements());
        }
    }

    @Test
    void soapPushCallsACxfServiceBuiltFromThePartnersWsdlSignedAndOverMutualTls() throws Exception {
        JsonNode dossier = JSON.readTree(Examples.firstValid("dossier-status"));
        HttpResponse<String> receipt = postAs("npsp", "/datasets/dossier-status/records", dossier.toString(), UUID.randomUUID().toString());
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
        String deliveryId = "npsp:dossier-status:" + seqOf(receipt);
        await().atMost(Duration.ofSeconds(20)).until(() -> SOAP_RECEIVED.contains(deliveryId + "|" + dossier.path("maHoSo").asText()));
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(archived(deliveryId).get("status")));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message_log WHERE partner = 'lmi-hub' AND operation = 'authenticate'",
                Integer.class)).as("the hub's own client certificate was accepted").isZero();
    }

    @Test
    void endpointsShowInHealthAndMetrics() throws Exception {
        JsonNode health = JSON.readTree(send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + managementPort
                + "/actuator/health")).GET().build()).body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("deliveries").path("details").path("endpoints").path("dolisa-hanoi.job-vacancy")
                .asText()).isIn("CLOSED", "OPEN", "HALF_OPEN");
        HttpResponse<String> receipt = post("/datasets/job-vacancy/records", vacancy("metrics-" + UUID.randomUUID()));
        String deliveryId = "dolisa-hanoi:job-vacancy:" + seqOf(receipt);
        await().atMost(Duration.ofSeconds(20)).until(() -> STEADY.accepted(deliveryId).size() == 1);
        String metrics = send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + managementPort
                + "/actuator/prometheus")).GET().build()).body();
        assertThat(metrics).contains("lmi_delivery_attempts_total{endpoint=\"dolisa-hanoi.job-vacancy\",outcome=\"success\"}")
                .contains("lmi_deliveries_total{endpoint=\"dolisa-hanoi.job-vacancy\",outcome=\"delivered\"}")
                .contains("lmi_delivery_dead_letters{endpoint=\"npsp.labor-supply-person\"}")
                .contains("lmi_delivery_circuit_state{endpoint=\"molisa-portal.job-vacancy\"}")
                .contains("lmi_delivery_latency_seconds_count{endpoint=\"dolisa-hanoi.job-vacancy\"}");
        assertThat(ops("GET", "/deliveries").path("endpoints").findValuesAsText("id")).contains("dolisa-hanoi.job-vacancy",
                "molisa-portal.job-vacancy", "npsp.labor-supply-person", "dolisa-hanoi.labor-market-statistics",
                "molisa-portal.labor-demand-employer");
    }

    private List<Integer> versionsAccepted() {
        return ORDERING.acceptedAll().stream().map(r -> {
            try {
                JsonNode event = JSON.readTree(r.body());
                return event.path("data").path("period").asText().equals("2031") ? event.path("version").asInt() : null;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).filter(java.util.Objects::nonNull).toList();
    }

    private JsonNode ops(String method, String path) throws IOException {
        return ops(method, path, 200);
    }

    private JsonNode ops(String method, String path, int expectedStatus) throws IOException {
        HttpResponse<String> response = send("ops-admin", HttpRequest.newBuilder(ops(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private static JsonNode find(JsonNode list, String deliveryId) {
        for (JsonNode item : list) {
            if (item.path("deliveryId").asText().equals(deliveryId)) {
                return item;
            }
        }
        throw new AssertionError(deliveryId + " not in " + list);
    }

    private int attempts(String deliveryId) {
        List<Integer> attempts = jdbc.queryForList("SELECT attempts FROM delivery WHERE delivery_id = ?", Integer.class, deliveryId);
        return attempts.isEmpty() ? 0 : attempts.get(0);
    }

    private Map<String, Object> archived(String deliveryId) {
        return jdbc.queryForMap("SELECT * FROM delivery WHERE delivery_id = ?", deliveryId);
    }

    /** The change sequence number of the (single) record version a receipt acknowledges. */
    private long seqOf(HttpResponse<String> receipt) throws IOException {
        JsonNode body = JSON.readTree(receipt.body());
        JsonNode record = body.path("records").get(0);
        return jdbc.queryForObject("SELECT seq FROM record_version WHERE dataset_id = ? AND record_key = ? AND version = ?",
                Long.class, body.path("dataset").asText(), record.path("key").asText(), record.path("version").asInt());
    }

    private static String vacancy(String vacancyId) throws IOException {
        ObjectNode vacancy = (ObjectNode) JSON.readTree(Examples.firstValid("job-vacancy"));
        vacancy.put("vacancyId", vacancyId.substring(0, Math.min(40, vacancyId.length())));
        return vacancy.toString();
    }


    private static Path ownHome() {
        try {
            Path home = Files.createTempDirectory("lmi-hub-delivery-it-");
            try (InputStream registry = DeliveryIT.class.getResourceAsStream("/partners-test.yaml")) {
                Files.copy(registry, home.resolve("partners.yaml"));
            }
            String retry = """
                          - name: retryInitialDelay
                            value: 50ms
                          - name: retryMaxDelay
                            value: 400ms
                          - name: retryJitter
                            value: "0.1"
                          - name: retryMaxAttempts
                            value: "30"
                          - name: responseTimeout
                            value: 300ms
                          - name: circuitMinimumCalls
                            value: "4"
                          - name: circuitOpenFor
                            value: 200ms
                    """;
            write(home, "molisa-portal/deliveries.yaml", restPush("molisa-portal", "job-vacancy", FLAKY, retry)
                    + jmsPush("molisa-portal", "labor-demand-employer", "partner.molisa.demand"));
            write(home, "dolisa-hanoi/deliveries.yaml", restPush("dolisa-hanoi", "job-vacancy", STEADY, retry)
                    + restPush("dolisa-hanoi", "labor-market-statistics", ORDERING, retry) + """
                    - templatedRoute:
                        routeTemplateRef: jms-inbound
                        routeId: dolisa-hanoi.inbox
                        parameters:
                          - name: partner
                            value: dolisa-hanoi
                    """);
            write(home, "npsp/deliveries.yaml", restPush("npsp", "labor-supply-person", STRICT, retry + """
                          - name: mapping
                            value: npsp/person.jslt
                    """));
            write(home, "npsp/person.jslt", BROKEN_MAPPING);
            write(home, "npsp/dossier-to-npsp.jslt", "{\"MaHoSo\": .data.maHoSo, \"MaTTHC\": .data.maTTHC, "
                    + "\"TrangThaiHoSo\": .data.trangThaiHoSo, \"NgayTiepNhan\": .data.ngayTiepNhan}\n");
            write(home, "npsp/dossier-delivery.yaml", """
                    - templatedRoute:
                        routeTemplateRef: soap-push
                        routeId: npsp.dossier-status
                        parameters:
                          - name: partner
                            value: npsp
                          - name: dataset
                            value: dossier-status
                          - name: url
                            value: %s
                          - name: namespace
                            value: urn:npsp:dvcqg:hoso:1
                          - name: operation
                            value: CapNhatTrangThaiHoSo
                          - name: soapAction
                            value: urn:npsp:dvcqg:hoso:1/CapNhatTrangThaiHoSo
                          - name: mapping
                            value: npsp/dossier-to-npsp.jslt
                          - name: retryInitialDelay
                            value: 50ms
                    """.formatted("https://localhost:" + PORT + "/services/partner-npsp"));
            write(home, "npsp/foreign-workers.yaml", restPush("npsp", "foreign-worker", STEADY, """
                          - name: retryMaxAtempts
                            value: "3"
                    """));
            return home;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String restPush(String partner, String dataset, FakePartner target, String extra) {
        return """
                - templatedRoute:
                    routeTemplateRef: rest-push
                    routeId: %s.%s
                    parameters:
                      - name: partner
                        value: %s
                      - name: dataset
                        value: %s
                      - name: url
                        value: %s
                """.formatted(partner, dataset, partner, dataset, target.url("/lmi/" + dataset)) + extra;
    }

    private static String jmsPush(String partner, String dataset, String queue) {
        return """
                - templatedRoute:
                    routeTemplateRef: jms-push
                    routeId: %s.%s
                    parameters:
                      - name: partner
                        value: %s
                      - name: dataset
                        value: %s
                      - name: queue
                        value: %s
                """.formatted(partner, dataset, partner, dataset, queue);
    }

    private static void write(Path home, String name, String content) throws IOException {
        Path file = home.resolve("routes").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
