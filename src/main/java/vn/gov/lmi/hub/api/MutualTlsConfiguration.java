package vn.gov.lmi.hub.api;

import org.apache.tomcat.util.net.SSLHostConfig;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link AcceptAnyClientCertificate} on the partner port's TLS connector (ADR 0006). */
@Configuration(proxyBeanMethods = false)
public class MutualTlsConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> clientCertificatesCheckedByTheHub() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            for (SSLHostConfig host : connector.findSslHostConfigs()) {
                host.setTrustManagerClassName(AcceptAnyClientCertificate.class.getName());
                host.setCertificateVerification("optional");
            }
        });
    }
}
