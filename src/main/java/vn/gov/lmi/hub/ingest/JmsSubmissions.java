package vn.gov.lmi.hub.ingest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.jms.Destination;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.audit.LoggedExchange;
import vn.gov.lmi.hub.audit.MessageLog;
import vn.gov.lmi.hub.audit.MessageLogEntry;
import vn.gov.lmi.hub.catalog.DatasetCatalog;
import vn.gov.lmi.hub.events.ConsumerSessions;
import vn.gov.lmi.hub.partners.Operation;
import vn.gov.lmi.hub.partners.Partner;
import vn.gov.lmi.hub.partners.PartnerRegistry;
import vn.gov.lmi.hub.partners.SubmissionSignatures;
import vn.gov.lmi.hub.problem.ProblemDocuments;
import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;
import vn.gov.lmi.hub.trust.Digests;
import vn.gov.lmi.hub.trust.HubSigner;

/**
 * Submissions through a partner's inbox queue ({@code lmi.in.<partner>}), into the same pipeline as REST. The
 * message is the body; properties {@code dataset}, {@code idempotencyKey} and {@code lmiJwsSignature} carry
 * what REST carries in the path and headers. Authentication is by signature alone: the signer must be the
 * partner whose inbox it is. A refusal is final: the message goes to {@code lmi.refused.<partner>} with the problem, is
 * logged, and (if {@code JMSReplyTo} is one of the sender's temporary destinations or its
 * {@code lmi.reply.<partner>...} queue) answered. Anything unexpected rolls the JMS transaction back, so
 * the broker redelivers and the idempotency key keeps the record from being stored twice.
 */
@Component
public class JmsSubmissions implements Processor {

    /** Header set by the inbox route (overwriting anything a sender put there): whose inbox the message is in. */
    public static final String INBOX_PARTNER = "lmiInboxPartner";

    private static final Logger log = LoggerFactory.getLogger(JmsSubmissions.class);

    private final IngestService ingest;
    private final PartnerRegistry registry;
    private final DatasetCatalog catalog;
    private final SubmissionSignatures signatures;
    private final MessageLog messageLog;
    private final HubSigner signer;
    private final ProblemDocuments problems;
    private final long maxBodyBytes;

    public JmsSubmissions(IngestService ingest, PartnerRegistry registry, DatasetCatalog catalog,
                          SubmissionSignatures signatures, MessageLog messageLog, HubSigner signer,
                          ProblemDocuments problems,
                          vn.gov.lmi.hub.system.HubProperties properties) {
        this.maxBodyBytes = properties.api().maxBodyBytes();
        this.ingest = ingest;
        this.registry = registry;
        this.catalog = catalog;
        this.signatures = signatures;
        this.messageLog = messageLog;
        this.signer = signer;
        this.problems = problems;
    }

    /**
     * Answers go only to a temporary destination of the sender or to its own {@code lmi.reply.<partner>...}
     * queue: a JMSReplyTo naming any other queue (another partner's, the hub's record addresses) is ignored.
     */
    static boolean allowedReplyDestination(Destination destination, String partner) {
        try {
            if (destination instanceof jakarta.jms.TemporaryQueue || destination instanceof jakarta.jms.TemporaryTopic) {
                return true;
            }
            return destination instanceof jakarta.jms.Queue queue && queue.getQueueName().startsWith("lmi.reply." + partner);
        } catch (jakarta.jms.JMSException e) {
            return false;
        }
    }

    public static String inbox(String partner) {
        return "lmi.in." + partner;
    }

    public static String refusals(String partner) {
        return "lmi.refused." + partner;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        String partnerId = in.getHeader(INBOX_PARTNER, String.class);
        byte[] body = in.getBody(byte[].class);
        String datasetId = in.getHeader("dataset", String.class);
        String idempotencyKey = in.getHeader("idempotencyKey", String.class);
        String signature = in.getHeader(HubSigner.SIGNATURE_PROPERTY, String.class);
        Destination replyTo = in.getHeader("JMSReplyTo", Destination.class);
        String messageId = UUID.randomUUID().toString();
        String bodySha256 = Digests.sha256Hex(body == null ? new byte[0] : body);
        boolean signatureVerified = false;
        try {
            Partner partner = registry.find(partnerId).orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_PARTNER,
                    "partner '" + partnerId + "' is no longer in the partner registry"));
            if (datasetId == null || catalog.find(datasetId).isEmpty()) {
                throw new ProblemException(ProblemType.DATASET_NOT_FOUND, "set the JMS property 'dataset' to a dataset "
                        + "of the catalog" + (datasetId == null ? "" : "; '" + datasetId + "' is not one"));
            }
            if (partner.grant(datasetId, Operation.SUBMIT).isEmpty()) {
                throw new ProblemException(ProblemType.GRANT_MISSING, "partner '" + partnerId + "' has no 'submit' grant on dataset '"
                        + datasetId + "'");
            }
            if (body != null && body.length > maxBodyBytes) {
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "message body of " + body.length
                        + " bytes exceeds the limit of " + maxBodyBytes + " bytes; split it into smaller batches");
            }
            String key = IngestService.checkedIdempotencyKey(idempotencyKey);
            signatures.verify(partner, signature, body == null ? new byte[0] : body, datasetId, key);
            signatureVerified = true;
            IngestResult result = ingest.submit(new Submission(messageId, datasetId, partnerId, key, body, signature));
            if (result.replayed()) {
                messageLog.append(new LoggedExchange(MessageLogEntry.Direction.IN, partnerId, datasetId, IngestService.OPERATION,
                        messageId, bodySha256, signature, "replayed", "via JMS " + inbox(partnerId)));
            }
            reply(exchange, replyTo, 202, result.receiptJson(), messageId);
        } catch (ProblemException refused) {
            if (refused.type().status() >= 500) {
                // the hub cannot take it now (e.g. time-stamping down): roll back, the broker redelivers it
                throw refused;
            }
            // an unverified sender's signature is not kept: anyone could fill the log with it
            messageLog.append(new LoggedExchange(MessageLogEntry.Direction.IN, partnerId, datasetId, IngestService.OPERATION,
                    messageId, bodySha256, signatureVerified ? signature : null, refused.type().slug(),
                    "via JMS " + inbox(partnerId) + ": " + LoggedExchange.detailOf(refused)));
            String problem = problems.render(refused);
            byte[] original = body == null ? new byte[0] : body;
            jakarta.jms.Session session = ConsumerSessions.of(exchange);
            try {
                // the refused message itself, so the partner can correct and resend it; the problem as a property
                var message = session.createBytesMessage();
                message.writeBytes(original);
                message.setStringProperty("problem", problem);
                message.setStringProperty("reason", refused.type().slug());
                message.setStringProperty("messageId", messageId);
                if (datasetId != null) {
                    message.setStringProperty("dataset", datasetId);
                }
                if (idempotencyKey != null) {
                    message.setStringProperty("idempotencyKey", idempotencyKey);
                }
                ConsumerSessions.send(session, session.createQueue(refusals(partnerId)), message);
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException("cannot record the refusal in " + refusals(partnerId) + ": " + e.getMessage(), e);
            }
            reply(exchange, replyTo, refused.type().status(), problem, messageId);
            log.info("refused JMS submission from {}: {}", partnerId, refused.type().slug());
        }
    }

    private void reply(Exchange exchange, Destination replyTo, int status, String body, String messageId) {
        Message in = exchange.getIn();
        if (replyTo == null || !allowedReplyDestination(replyTo, in.getHeader(INBOX_PARTNER, String.class))) {
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> bound = new LinkedHashMap<>();
        bound.put("lmi-status", status);
        bound.put("lmi-message-id", messageId);
        String signature = signer.signDetached(bytes, bound);
        String correlation = in.getHeader("JMSMessageID", String.class);
        jakarta.jms.Session session = ConsumerSessions.of(exchange);
        try {
            var message = session.createTextMessage(body);
            message.setJMSCorrelationID(correlation);
            message.setIntProperty("status", status);
            message.setStringProperty(HubSigner.SIGNATURE_PROPERTY, signature);
            ConsumerSessions.send(session, replyTo, message);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("cannot answer to the reply destination: " + e.getMessage(), e);
        }
    }
}
