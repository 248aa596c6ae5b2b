package vn.gov.lmi.hub.events;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsMessage;

/**
 * Sends within the transaction of the JMS consumer that is processing an exchange: the consumed message and
 * what is sent because of it (a dead letter, a refusal, an answer) commit or roll back together.
 */
public final class ConsumerSessions {

    private ConsumerSessions() {
    }

    /** The consumer's transacted session of a JMS exchange. */
    public static Session of(Exchange exchange) {
        JmsMessage message = exchange.getIn(JmsMessage.class);
        Session session = message == null ? null : message.getJmsSession();
        if (session == null) {
            throw new IllegalStateException("exchange " + exchange.getExchangeId() + " did not come from a JMS consumer");
        }
        return session;
    }

    /** Sends persistently on {@code session}; committed with the consumed message. */
    public static void send(Session session, Destination destination, Message message) throws JMSException {
        try (MessageProducer producer = session.createProducer(destination)) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(message);
        }
    }
}
