package vn.gov.lmi.hub.api;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Record keys may hold '/' (vacancy ids such as {@code HP/2025/1187}); clients send it as {@code %2F} in
 * {@code /records/{key}}. Tomcat refuses an encoded slash by default; passing it through lets the path
 * match on the encoded segment and decode the key afterwards.
 */
@Component
class RecordKeyPathSupport implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling(
                EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }
}
