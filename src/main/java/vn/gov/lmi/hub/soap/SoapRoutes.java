package vn.gov.lmi.hub.soap;

import java.io.ByteArrayInputStream;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.api.ClientCertificateFilter;
import vn.gov.lmi.hub.partners.Partner;
import vn.gov.lmi.hub.system.HubProperties;

/**
 * The SOAP endpoint: camel-cxf-soap publishes {@code wsdl/lmi-exchange.wsdl} at {@code /services/exchange}
 * (with {@code ?wsdl}); the envelope is taken raw, so that the hub's hardened parser is the only one that reads
 * it and the hub signs the exact answer it sends ({@link SoapExchange}).
 */
@Component
public class SoapRoutes extends RouteBuilder {

    private final SoapExchange soap;
    private final String wsdl;
    private final long maxBytes;

    public SoapRoutes(SoapExchange soap, HubProperties properties) {
        this.soap = soap;
        this.maxBytes = properties.api().maxBodyBytes();
        this.wsdl = properties.installDir().resolve("wsdl/lmi-exchange.wsdl").toUri().toString();
    }

    @Override
    public void configure() {
        from("cxf:/exchange?dataFormat=RAW&wsdlURL=" + wsdl
                + "&serviceName={" + SoapExchange.NS + "}LmiExchangeService"
                + "&portName={" + SoapExchange.NS + "}LmiExchangePort")
                .routeId("soap-exchange")
                .process(this::answer);
    }

    private void answer(Exchange exchange) throws java.io.IOException {
        byte[] request = bounded(exchange.getIn().getBody(java.io.InputStream.class));
        org.apache.cxf.message.Message cxf = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE,
                org.apache.cxf.message.Message.class);
        HttpServletRequest http = cxf == null ? null : (HttpServletRequest) cxf.get(AbstractHTTPDestination.HTTP_REQUEST);
        Object partner = http == null ? null : http.getAttribute(ClientCertificateFilter.PARTNER);
        if (!(partner instanceof Partner authenticated)) {
            throw new IllegalStateException("no authenticated partner on the SOAP request; is ClientCertificateFilter installed?");
        }
        SoapExchange.Answer answer = soap.handle(request, authenticated);
        exchange.getMessage().setBody(new ByteArrayInputStream(answer.envelope()));
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/xml;charset=UTF-8");
        if (answer.fault()) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 500);
        }
    }

    /**
     * The request, read up to one byte past the limit and no further: an oversize body is refused by the hardened
     * parser without the hub ever holding more than the limit in memory.
     */
    private byte[] bounded(java.io.InputStream body) throws java.io.IOException {
        if (body == null) {
            return new byte[0];
        }
        try (java.io.InputStream in = body) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
    }
}
