package vn.gov.lmi.hub.delivery;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;

import vn.gov.lmi.hub.events.OutboxRelay;
import vn.gov.lmi.hub.trust.HubSigner;

/**
 * JMS push to a partner's queue, on the hub's broker or a remote Artemis: persistent, signed, with Artemis
 * duplicate detection keyed by the delivery id (a resend after a crash is dropped by the broker) and the
 * record key hash as message group, so the partner's consumers keep per-record order.
 */
final class JmsTransport implements Transport {

    private final ConnectionFactory connectionFactory;
    private final String queue;
    private final String target;

    JmsTransport(ConnectionFactory connectionFactory, String queue, String target) {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("queue is required for JMS push");
        }
        this.connectionFactory = connectionFactory;
        this.queue = queue;
        this.target = target;
    }

    @Override
    public void send(OutgoingDelivery delivery) {
        try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            var message = context.createTextMessage(new String(delivery.body(), java.nio.charset.StandardCharsets.UTF_8));
            message.setStringProperty(OutboxRelay.DUPLICATE_ID_PROPERTY, delivery.duplicateId());
            message.setStringProperty(OutboxRelay.GROUP_ID_PROPERTY, delivery.keyHash());
            message.setStringProperty("deliveryId", delivery.deliveryId());
            message.setIntProperty("deliveryAttempt", delivery.attempt());
            message.setBooleanProperty("redelivery", delivery.redelivery());
            message.setStringProperty(HubSigner.SIGNATURE_PROPERTY, delivery.signature());
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(context.createQueue(queue), message);
        } catch (JMSRuntimeException | JMSException e) {
            throw DeliveryFailure.retryable("connection", "broker " + target + " refused the message: " + e.getMessage(), null);
        }
    }

    @Override
    public String target() {
        return target + " queue " + queue;
    }

    /** A remote broker's cached connection belongs to this endpoint; the hub's own broker is shared. */
    @Override
    public void close() {
        if (connectionFactory instanceof org.springframework.jms.connection.CachingConnectionFactory remote) {
            remote.destroy();
        }
    }
}
