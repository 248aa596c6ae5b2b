package vn.gov.lmi.hub.events;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Topic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.trust.HubSigner;
import vn.gov.lmi.hub.trust.RecordKeyTokens;
import vn.gov.lmi.hub.store.StoredRecord;
import vn.gov.lmi.hub.system.HubProperties;

/**
 * Publishes every committed record version exactly as the outbox lists it. Each event is a persistent,
 * synchronously confirmed send, and a batch is deleted from the outbox only after all of its sends; a crash
 * in between resends them, and the broker drops the repeats because each message carries
 * {@code _AMQ_DUPL_ID = <dataset>:<seq>}. (Not one broker transaction per batch: Artemis rolls back a whole
 * transaction that holds one duplicate, which would wedge the relay on exactly the resend it must survive.) Runs on one node at a time
 * (ShedLock); woken right after each commit and otherwise every {@code hub.events.relay-interval}.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    public static final String DUPLICATE_ID_PROPERTY = "_AMQ_DUPL_ID";
    public static final String GROUP_ID_PROPERTY = "JMSXGroupID";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final ConnectionFactory connectionFactory;
    private final LockingTaskExecutor lockingExecutor;
    private final ObjectMapper json;
    private final HubProperties.Events settings;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private final AtomicLong published = new AtomicLong();
    /** Longer than one batch ever takes; the most a crashed holder can delay publication. */
    static final Duration LOCK_AT_MOST = Duration.ofSeconds(15);
    private volatile ScheduledExecutorService executor;

    private final HubSigner signer;
    private final RecordKeyTokens keyTokens;

    public OutboxRelay(JdbcTemplate jdbc, ConnectionFactory connectionFactory, LockingTaskExecutor lockingExecutor,
                       ObjectMapper json, HubProperties properties, HubSigner signer, RecordKeyTokens keyTokens) {
        this.signer = signer;
        this.keyTokens = keyTokens;
        this.jdbc = jdbc;
        this.connectionFactory = connectionFactory;
        this.lockingExecutor = lockingExecutor;
        this.json = json;
        this.settings = properties.events();
    }

    /** Asks for a drain soon; many calls while one is pending collapse into one. */
    public void wakeUp() {
        ScheduledExecutorService running = executor;
        if (running != null && wakeUpPending.compareAndSet(false, true)) {
            running.execute(() -> {
                wakeUpPending.set(false);
                drainUnderLock();
            });
        }
    }

    /** Number of events this node has published since start (for tests and metrics). */
    public long publishedCount() {
        return published.get();
    }

    /**
     * Publishes until the outbox is empty, taking the cluster-wide lock for one batch at a time. The lock is held
     * at most {@link #LOCK_AT_MOST}: a node killed while holding it delays the others (and its own restart) by
     * that much, never by more.
     */
    private void drainUnderLock() {
        try {
            int[] sent = {0};
            do {
                sent[0] = 0;
                lockingExecutor.executeWithLock((Runnable) () -> sent[0] = publishBatch(),
                        new LockConfiguration(Instant.now(), "outbox-relay", LOCK_AT_MOST, Duration.ZERO));
            } while (sent[0] == settings.relayBatchSize());
        } catch (RuntimeException e) {
            log.warn("outbox relay failed, retrying on the next tick: {}", e.getMessage());
        }
    }

    private int publishBatch() {
        List<StoredRecord> batch = jdbc.query("SELECT o.dataset_id, o.seq, v.record_key, v.version, v.schema_version, "
                        + "v.recorded_at, v.payload, v.payload_sha256, v.message_id FROM event_outbox o JOIN record_version v "
                        + "ON v.dataset_id = o.dataset_id AND v.seq = o.seq ORDER BY o.dataset_id, o.seq LIMIT ?",
                (rs, n) -> new StoredRecord(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getString(8), rs.getString(9)),
                settings.relayBatchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (StoredRecord event : batch) {
                // Record keys can hold citizen ids; message properties show up in broker logs and consoles,
                // so they carry only a keyed token of the key (the key itself travels in the body).
                String keyHash = keyTokens.token(event.datasetId(), event.key());
                Topic address = context.createTopic(settings.addressPrefix() + event.datasetId());
                String body = eventBody(json, event);
                String signature = signer.signDetached(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.util.Map.of("lmi-dataset", event.datasetId(), "lmi-seq", event.seq()));
                producer.setProperty(DUPLICATE_ID_PROPERTY, event.datasetId() + ":" + event.seq())
                        .setProperty(GROUP_ID_PROPERTY, keyHash)
                        .setProperty("dataset", event.datasetId())
                        .setProperty("recordKeyHash", keyHash)
                        .setProperty("version", event.version())
                        .setProperty("seq", event.seq())
                        .setProperty("messageId", event.messageId())
                        .setProperty(HubSigner.SIGNATURE_PROPERTY, signature)
                        .send(address, body);
            }
        }
        jdbc.batchUpdate("DELETE FROM event_outbox WHERE dataset_id = ? AND seq = ?",
                batch.stream().map(e -> new Object[] {e.datasetId(), e.seq()}).toList());
        published.addAndGet(batch.size());
        return batch.size();
    }

    /**
     * The JSON of a record event, as published to {@code lmi.records.<dataset>} and as subscription queues and
     * resends carry it: {@code {dataset, key, version, seq, schemaVersion, recordedAt, messageId, data}}.
     */
    public static String eventBody(ObjectMapper json, StoredRecord event) {
        try {
            ObjectNode body = json.createObjectNode()
                    .put("dataset", event.datasetId())
                    .put("key", event.key())
                    .put("version", event.version())
                    .put("seq", event.seq())
                    .put("schemaVersion", event.schemaVersion())
                    .put("recordedAt", event.recordedAt().toInstant().toString())
                    .put("messageId", event.messageId());
            body.set("data", json.readTree(event.payloadJson()));
            return json.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored payload of " + event.datasetId() + " seq " + event.seq()
                    + " is not JSON", e);
        }
    }

    @Override
    public void start() {
        if (!settings.relayEnabled()) {
            log.info("outbox relay disabled (hub.events.relay-enabled=false)");
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        long intervalMs = settings.relayInterval().toMillis();
        started.scheduleWithFixedDelay(this::drainUnderLock, 0, intervalMs, TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
