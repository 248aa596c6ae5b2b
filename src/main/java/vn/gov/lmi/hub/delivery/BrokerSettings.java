package vn.gov.lmi.hub.delivery;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.gov.lmi.hub.system.HubProperties;

/**
 * Broker-side redelivery for the embedded broker (a remote broker needs the same address settings in its
 * broker.xml), and the memory it may hold queued messages in ({@code hub.events.broker-memory}; paged to disk
 * beyond it). These only act when a consumer's transaction rolls back (a stop, a crash, an unexpected error);
 * partner failures are retried by the deliverers themselves.
 * Redelivery is immediate, so a rolled-back message goes back to the head of its queue and order holds (waits
 * between tries happen in place, in the deliverer).
 * <ul>
 *   <li>record addresses ({@code lmi.records.#}, subscription queues): redelivered without limit: a
 *       subscription never loses a message to broker-side give-up;</li>
 *   <li>partner inboxes ({@code lmi.in.#}): 10 deliveries, then {@code lmi.dlq.poison}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class BrokerSettings {

    public static final String POISON_QUEUE = "lmi.dlq.poison";

    @Bean
    ArtemisConfigurationCustomizer hubAddressSettings(HubProperties properties) {
        return configuration -> {
            configuration.setPersistDeliveryCountBeforeDelivery(true);
            configuration.setGlobalMaxSize(properties.events().brokerMemory().toBytes());
            // no redelivery delay: a delayed message would let later ones (newer versions) overtake it
            configuration.addAddressSetting(properties.events().addressPrefix() + "#", new AddressSettings()
                    .setRedeliveryDelay(0).setMaxDeliveryAttempts(-1));
            configuration.addAddressSetting("lmi.in.#", new AddressSettings()
                    .setRedeliveryDelay(0).setMaxDeliveryAttempts(10).setDeadLetterAddress(SimpleString.of(POISON_QUEUE)));
            configuration.addQueueConfiguration(QueueConfiguration.of(POISON_QUEUE).setAddress(POISON_QUEUE)
                    .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        };
    }
}
