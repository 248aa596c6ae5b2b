package vn.gov.lmi.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.jms.client.ActiveMQQueue;
import org.apache.activemq.artemis.jms.client.ActiveMQTopic;
import org.junit.jupiter.api.Test;

/** A JMS sender cannot make the hub write answers into queues that are not the sender's own. */
class JmsReplyDestinationTest {

    @Test
    void onlyTheSendersOwnReplyQueuesAreAnswered() {
        assertThat(JmsSubmissions.allowedReplyDestination(new ActiveMQQueue("lmi.reply.dolisa-hanoi"), "dolisa-hanoi")).isTrue();
        assertThat(JmsSubmissions.allowedReplyDestination(new ActiveMQQueue("lmi.reply.dolisa-hanoi.receipts"), "dolisa-hanoi")).isTrue();
        assertThat(JmsSubmissions.allowedReplyDestination(new ActiveMQQueue("lmi.reply.npsp"), "dolisa-hanoi")).isFalse();
        assertThat(JmsSubmissions.allowedReplyDestination(new ActiveMQQueue("lmi.in.npsp"), "dolisa-hanoi")).isFalse();
        assertThat(JmsSubmissions.allowedReplyDestination(new ActiveMQTopic("lmi.records.job-vacancy"), "dolisa-hanoi")).isFalse();
    }
}
