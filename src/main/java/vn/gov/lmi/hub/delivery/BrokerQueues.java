package vn.gov.lmi.hub.delivery;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Creates the durable queues deliveries need before anything consumes or publishes: one multicast queue per
 * subscription on its dataset's address (so it receives every version published from then on, whether or not
 * its consumer runs) and one dead-letter queue per delivery endpoint. Uses Artemis' core API, so it works with
 * the embedded broker and a remote one alike.
 */
@Component
public class BrokerQueues {

    private final ServerLocator locator;

    public BrokerQueues(ConnectionFactory connectionFactory) {
        ConnectionFactory target = connectionFactory instanceof CachingConnectionFactory caching
                ? caching.getTargetConnectionFactory() : connectionFactory;
        if (!(target instanceof ActiveMQConnectionFactory artemis)) {
            throw new IllegalStateException("deliveries need an Artemis broker; the connection factory is " + target);
        }
        this.locator = artemis.getServerLocator();
    }

    /** The subscription queue {@code queue} on the multicast {@code address}, created if missing. */
    public void ensureSubscription(String address, String queue) {
        ensure(QueueConfiguration.of(queue).setAddress(address).setRoutingType(RoutingType.MULTICAST).setDurable(true));
    }

    /** An anycast queue (and address) of the same name, created if missing: dead letters, partner inboxes. */
    public void ensureQueue(String queue) {
        ensure(QueueConfiguration.of(queue).setAddress(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
    }

    private void ensure(QueueConfiguration configuration) {
        try (ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession()) {
            if (!session.queueQuery(SimpleString.of(configuration.getName().toString())).isExists()) {
                session.createQueue(configuration.setAutoCreateAddress(true));
            }
        } catch (ActiveMQException e) {
            if (e.getType() != org.apache.activemq.artemis.api.core.ActiveMQExceptionType.QUEUE_EXISTS) {
                throw new IllegalStateException("cannot create queue " + configuration.getName() + ": " + e.getMessage(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach the broker to create queue " + configuration.getName(), e);
        }
    }
}
