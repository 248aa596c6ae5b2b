package vn.gov.lmi.hub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.gov.lmi.hub.support.Examples;
import vn.gov.lmi.hub.support.HubIntegrationTest;
import vn.gov.lmi.hub.support.TestPartners;
import vn.gov.lmi.hub.trust.HubSigner;
import vn.gov.lmi.hub.trust.JwsPolicy;

/**
 * Every accepted record version reaches the dataset's Artemis address, also when the hub stops between the
 * database commit and the send, and a resend after a crash following the send is dropped by the broker.
 */
class RecordEventsIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATASET = "job-vacancy";

    @Autowired
    private ConnectionFactory connectionFactory;
    @Autowired
    private OutboxRelay relay;
    @Autowired
    private JdbcTemplate jdbc;

    /** Receives {@code expected} events, checking each one's hub signature over the exact body. */
    private static List<JsonNode> drain(JMSConsumer consumer, int expected) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        while (events.size() < expected) {
            Message message = consumer.receive(Duration.ofSeconds(20).toMillis());
            assertThat(message).as("event %d of %d", events.size() + 1, expected).isNotNull();
            String text = ((TextMessage) message).getText();
            JwsPolicy.VerifiedJws signature = JwsPolicy.verify(message.getStringProperty(HubSigner.SIGNATURE_PROPERTY),
                    text.getBytes(StandardCharsets.UTF_8), TestPartners.demoTrust());
            assertThat(signature.signer().getSubjectX500Principal().getName()).startsWith("CN=LMI Exchange Hub signing");
            assertThat(signature.headerParameter("lmi-seq")).isEqualTo(message.getLongProperty("seq"));
            events.add(JSON.readTree(text));
        }
        return events;
    }

    @Test
    void committedVersionsArePublishedAfterARestartAndResendsAreDropped() throws Exception {
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            JMSConsumer consumer = context.createSharedDurableConsumer(
                    context.createTopic("lmi.records." + DATASET), "events-it");
            while (consumer.receiveNoWait() != null) {
                // start from an empty subscription
            }

            relay.stop();
            List<Map<String, Object>> published;
            try {
                for (var file : Examples.files(DATASET, "valid-")) {
                    var record = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Examples.read(file));
                    record.put("jobDescription", "Lương tháng 13 — events-it " + System.nanoTime());
                    String changed = JSON.writeValueAsString(record);
                    assertThat(post("/datasets/" + DATASET + "/records", changed).statusCode()).isEqualTo(202);
                }
                published = jdbc.queryForList("SELECT dataset_id, seq FROM event_outbox WHERE dataset_id = ? ORDER BY seq", DATASET);
                assertThat(published).as("acknowledged and waiting in the outbox").hasSize(Examples.files(DATASET, "valid-").size());
                assertThat(consumer.receiveNoWait()).as("nothing sent while the relay is down").isNull();
            } finally {
                relay.start();
            }

            List<JsonNode> events = drain(consumer, published.size());
            assertThat(events).extracting(e -> e.path("seq").asLong())
                    .containsExactlyElementsOf(published.stream().map(r -> ((Number) r.get("seq")).longValue()).toList());
            assertThat(events).allSatisfy(e -> {
                assertThat(e.path("dataset").asText()).isEqualTo(DATASET);
                assertThat(e.path("data").path("jobDescription").asText()).startsWith("Lương tháng 13 — events-it");
            });
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    jdbc.queryForObject("SELECT COUNT(*) FROM event_outbox WHERE dataset_id = ?", Integer.class, DATASET) == 0);

            // A crash after the broker commit but before the outbox delete: the same rows come back.
            jdbc.batchUpdate("INSERT INTO event_outbox (dataset_id, seq, created_at) VALUES (?, ?, CURRENT_TIMESTAMP)",
                    published.stream().map(r -> new Object[] {r.get("dataset_id"), r.get("seq")}).toList());
            long before = relay.publishedCount();
            relay.wakeUp();
            await().atMost(Duration.ofSeconds(20)).until(() -> relay.publishedCount() >= before + published.size());
            assertThat(consumer.receive(500)).as("the broker drops the resent duplicates").isNull();
        }
    }
}
