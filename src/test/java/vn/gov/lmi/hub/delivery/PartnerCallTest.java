package vn.gov.lmi.hub.delivery;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * For tests of a transport's calls to a partner: a real Camel context to send through (camel-http) and a
 * recording HTTP server on loopback standing in for the partner, both fresh for each test.
 */
abstract class PartnerCallTest {

    protected RecordingHttpServer server;
    protected DefaultCamelContext camel;
    protected ProducerTemplate producer;

    @BeforeEach
    void startPartnerAndCamel() throws Exception {
        server = new RecordingHttpServer();
        camel = new DefaultCamelContext();
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stopPartnerAndCamel() throws Exception {
        producer.close();
        camel.stop();
        server.close();
    }
}
