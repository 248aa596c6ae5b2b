package vn.gov.lmi.hub.delivery;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.gov.lmi.hub.system.HubProperties;
import vn.gov.lmi.hub.trust.PemFiles;

/**
 * TLS for the hub's own calls to partners (REST and SOAP push over https): the hub presents its client
 * certificate ({@code hub.trust.client}) and trusts servers whose certificates chain to {@code hub.trust.anchors}
 * and are not revoked by {@code hub.trust.crls}.
 */
@Configuration(proxyBeanMethods = false)
public class OutboundTlsConfiguration {

    /** Referenced by delivery endpoint URIs as {@code sslContextParameters=#outboundTls}. */
    public static final String BEAN = "outboundTls";

    @Bean(BEAN)
    SSLContextParameters outboundTls(HubProperties properties) throws GeneralSecurityException, java.io.IOException {
        char[] password = UUID.randomUUID().toString().toCharArray();
        KeyStore identity = PemFiles.pkcs12("hub-client", PemFiles.readPrivateKey(properties.trust().client().privateKey()),
                PemFiles.readCertificates(properties.trust().client().certificate()), password);
        KeyStoreParameters identityStore = new KeyStoreParameters();
        identityStore.setKeyStore(identity);
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(identityStore);
        keyManagers.setKeyPassword(new String(password));

        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        List<X509Certificate> certificates = new ArrayList<>();
        properties.trust().anchors().forEach(file -> certificates.addAll(PemFiles.readCertificates(file)));
        for (int i = 0; i < certificates.size(); i++) {
            anchors.setCertificateEntry("anchor-" + i, certificates.get(i));
        }
        // PKIX with the configured CRLs: a partner server whose certificate was revoked is not trusted
        java.security.cert.PKIXBuilderParameters pkix = new java.security.cert.PKIXBuilderParameters(anchors,
                new java.security.cert.X509CertSelector());
        pkix.addCertStore(java.security.cert.CertStore.getInstance("Collection",
                new java.security.cert.CollectionCertStoreParameters(properties.trust().crls().stream().map(PemFiles::readCrl).toList())));
        pkix.setRevocationEnabled(true);
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        factory.init(new javax.net.ssl.CertPathTrustManagerParameters(pkix));
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setTrustManager(factory.getTrustManagers()[0]);

        SSLContextParameters tls = new SSLContextParameters();
        tls.setKeyManagers(keyManagers);
        tls.setTrustManagers(trustManagers);
        return tls;
    }

    /** The camel-http endpoint option that makes an https call use the hub's client identity. */
    static String option(String url) {
        return url.startsWith("https:") ? "&sslContextParameters=#" + BEAN : "";
    }
}
