package vn.gov.lmi.hub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Baseline: Artemis alone, embedded and persistent with the journal settings the hub ships (persistence on,
 * journal sync on), sending and receiving 500-byte persistent messages: one at a time, and 100 per transaction
 * as the hub's outbox relay and subscriptions use it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ArtemisBenchmark {

    private EmbeddedActiveMQ broker;
    private ActiveMQConnectionFactory factory;
    private Connection connection;
    private Session single;
    private MessageProducer singleProducer;
    private MessageConsumer singleConsumer;
    private Session transacted;
    private MessageProducer batchProducer;
    private MessageConsumer batchConsumer;
    private final String text = "x".repeat(500);

    @Setup
    public void setUp() throws Exception {
        Path data = Files.createTempDirectory("bench-artemis");
        broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large").toString())
                .addAcceptorConfiguration("in-vm", "vm://0"));
        broker.start();
        factory = new ActiveMQConnectionFactory("vm://0");
        connection = factory.createConnection();
        connection.start();
        single = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue one = single.createQueue("bench.single");
        singleProducer = single.createProducer(one);
        singleProducer.setDeliveryMode(DeliveryMode.PERSISTENT);
        singleConsumer = single.createConsumer(one);
        transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue many = transacted.createQueue("bench.batch");
        batchProducer = transacted.createProducer(many);
        batchProducer.setDeliveryMode(DeliveryMode.PERSISTENT);
        batchConsumer = transacted.createConsumer(many);
    }

    @TearDown
    public void tearDown() throws Exception {
        connection.close();
        factory.close();
        broker.stop();
        // the in-VM client's pooled threads would otherwise keep the benchmark's JVM alive
        org.apache.activemq.artemis.api.core.client.ActiveMQClient.clearThreadPools();
        org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnector.resetThreadPool();
    }

    @Benchmark
    public Object persistentSendReceive() throws JMSException {
        singleProducer.send(single.createTextMessage(text));
        return singleConsumer.receive(5_000);
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public Object persistentSendReceive100PerTransaction() throws JMSException {
        for (int i = 0; i < 100; i++) {
            batchProducer.send(transacted.createTextMessage(text));
        }
        transacted.commit();
        Object last = null;
        for (int i = 0; i < 100; i++) {
            last = batchConsumer.receive(5_000);
        }
        transacted.commit();
        return last;
    }
}
