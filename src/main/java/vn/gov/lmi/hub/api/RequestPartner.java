package vn.gov.lmi.hub.api;

import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

import vn.gov.lmi.hub.partners.Partner;

/** The partner {@link ClientCertificateFilter} authenticated for the HTTP request behind a Camel exchange. */
final class RequestPartner {

    private static final String PROPERTY = "lmi.partner";

    private RequestPartner() {
    }

    static Partner of(Exchange exchange) {
        Partner known = exchange.getProperty(PROPERTY, Partner.class);
        if (known != null) {
            return known;
        }
        PlatformHttpMessage message = exchange.getIn(PlatformHttpMessage.class);
        Object partner = message == null ? null : message.getRequest().getAttribute(ClientCertificateFilter.PARTNER);
        if (!(partner instanceof Partner authenticated)) {
            throw new IllegalStateException("no authenticated partner on this exchange; is ClientCertificateFilter installed?");
        }
        exchange.setProperty(PROPERTY, authenticated);
        return authenticated;
    }
}
