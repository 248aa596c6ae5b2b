package vn.gov.lmi.hub.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;

import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.events.ConsumerSessions;
import vn.gov.lmi.hub.events.OutboxRelay;
import vn.gov.lmi.hub.system.HubProperties;

/**
 * The endpoints' dead-letter queues ({@code lmi.dlq.<partner>.<dataset>}): each message is the record event
 * as it came from the subscription, with {@code deliveryId}, {@code reason}, {@code attempts},
 * {@code lastError} and {@code deadLetteredAt}. Moving one back to its subscription queue is one broker
 * transaction: it is never lost and never in both queues.
 */
@Component
public class DeadLetters {

    private final ConnectionFactory connectionFactory;
    private final String addressPrefix;

    /** One dead letter as operators see it. */
    public record DeadLetter(String deliveryId, String endpoint, String dataset, long seq, int version,
                             String recordKeyHash, String reason, int attempts, String lastError, String deadLetteredAt,
                             String event) {
    }

    public DeadLetters(ConnectionFactory connectionFactory, HubProperties properties) {
        this.connectionFactory = connectionFactory;
        this.addressPrefix = properties.events().addressPrefix();
    }

    /** Sends to the endpoint's dead-letter queue on the consuming route's session: one commit with the consumption. */
    void put(jakarta.jms.Session session, DeliveryEndpoint endpoint, String event, Map<String, Object> properties) {
        try {
            TextMessage message = session.createTextMessage(event);
            for (Map.Entry<String, Object> property : properties.entrySet()) {
                message.setObjectProperty(property.getKey(), property.getValue());
            }
            message.setStringProperty(OutboxRelay.GROUP_ID_PROPERTY, (String) properties.get("recordKeyHash"));
            ConsumerSessions.send(session, session.createQueue(endpoint.deadLetterQueue()), message);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot dead-letter to " + endpoint.deadLetterQueue() + ": " + e.getMessage(), e);
        }
    }

    public List<DeadLetter> list(DeliveryEndpoint endpoint, String reason) {
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = context.createBrowser(context.createQueue(endpoint.deadLetterQueue()),
                     reason == null ? null : "reason = " + quoted(reason))) {
            List<DeadLetter> letters = new ArrayList<>();
            for (Object message : Collections.list(browser.getEnumeration())) {
                letters.add(read((Message) message));
            }
            return letters;
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse " + endpoint.deadLetterQueue() + ": " + e.getMessage(), e);
        }
    }

    public Optional<DeadLetter> find(DeliveryEndpoint endpoint, String deliveryId) {
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = context.createBrowser(context.createQueue(endpoint.deadLetterQueue()),
                     "deliveryId = " + quoted(deliveryId))) {
            var messages = browser.getEnumeration();
            return messages.hasMoreElements() ? Optional.of(read((Message) messages.nextElement())) : Optional.empty();
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse " + endpoint.deadLetterQueue() + ": " + e.getMessage(), e);
        }
    }

    public long depth(DeliveryEndpoint endpoint) {
        return list(endpoint, null).size();
    }

    /**
     * Moves one dead letter back to its subscription queue, marked as a replay, keeping its delivery id.
     * Returns false when no such dead letter exists.
     */
    public boolean replay(DeliveryEndpoint endpoint, String deliveryId) {
        return take(endpoint, deliveryId, (context, message) -> {
            TextMessage again = context.createTextMessage(((TextMessage) message).getText());
            again.setStringProperty(Deliverer.REPLAY_PROPERTY, "dead-letter");
            again.setStringProperty(OutboxRelay.GROUP_ID_PROPERTY, message.getStringProperty("recordKeyHash"));
            context.createProducer().send(context.createTopic(subscriptionQueue(endpoint)), again);
        });
    }

    /** Removes one dead letter for good; false when no such dead letter exists. */
    public boolean purge(DeliveryEndpoint endpoint, String deliveryId) {
        return take(endpoint, deliveryId, (context, message) -> {
        });
    }

    /** Puts a record event into an endpoint's subscription queue as a resend of an archived delivery. */
    public void resend(DeliveryEndpoint endpoint, String event, String recordKeyHash) {
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            TextMessage message = context.createTextMessage(event);
            message.setStringProperty(Deliverer.REPLAY_PROPERTY, "resend");
            message.setStringProperty(OutboxRelay.GROUP_ID_PROPERTY, recordKeyHash);
            context.createProducer().send(context.createTopic(subscriptionQueue(endpoint)), message);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot queue a resend for " + endpoint.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The fully qualified name of the subscription queue on its dataset's multicast address; sent to as a topic
     * (multicast) so that only that one queue, of all the address's subscriptions, receives the message.
     */
    private String subscriptionQueue(DeliveryEndpoint endpoint) {
        return addressPrefix + endpoint.dataset() + "::" + endpoint.subscriptionQueue();
    }

    private interface Move {
        void apply(JMSContext context, Message message) throws JMSException;
    }

    private boolean take(DeliveryEndpoint endpoint, String deliveryId, Move move) {
        try (JMSContext context = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED);
             JMSConsumer consumer = context.createConsumer(context.createQueue(endpoint.deadLetterQueue()),
                     "deliveryId = " + quoted(deliveryId))) {
            Message message = consumer.receive(2000);
            if (message == null) {
                context.rollback();
                return false;
            }
            try {
                move.apply(context, message);
                context.commit();
                return true;
            } catch (JMSException | RuntimeException e) {
                context.rollback();
                throw new IllegalStateException("cannot move dead letter " + deliveryId + ": " + e.getMessage(), e);
            }
        }
    }

    private static DeadLetter read(Message message) throws JMSException {
        return new DeadLetter(message.getStringProperty("deliveryId"), message.getStringProperty("endpoint"),
                message.getStringProperty("dataset"), message.getLongProperty("seq"), message.getIntProperty("version"),
                message.getStringProperty("recordKeyHash"), message.getStringProperty("reason"),
                message.getIntProperty("attempts"), message.getStringProperty("lastError"),
                message.getStringProperty("deadLetteredAt"), ((TextMessage) message).getText());
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
