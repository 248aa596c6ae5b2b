package vn.gov.lmi.hub.api;

import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.audit.LoggedExchange;
import vn.gov.lmi.hub.audit.MessageLog;
import vn.gov.lmi.hub.audit.MessageLogEntry;
import vn.gov.lmi.hub.partners.Partner;
import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.problem.ProblemType;

/**
 * Puts every REST exchange into the message log: submissions as received (payload digest and the partner's
 * JWS), answers that carry data as sent (the answer's digest and the hub's JWS), refusals with their problem
 * slug. An accepted submission is logged by the ingest pipeline inside its store transaction instead.
 */
@Component
class ApiAudit {

    private final MessageLog messageLog;

    ApiAudit(MessageLog messageLog) {
        this.messageLog = messageLog;
    }

    /** Wraps a route step so that its outcome, whatever it is, gets one message log entry. */
    Processor audited(String operation, MessageLogEntry.Direction direction, Processor step) {
        return exchange -> {
            exchange.setProperty(HttpResponses.MESSAGE_ID, UUID.randomUUID().toString());
            try {
                step.process(exchange);
            } catch (ProblemException refused) {
                record(exchange, operation, direction, refused.type().slug(), LoggedExchange.detailOf(refused));
                throw refused;
            } catch (Exception unexpected) {
                record(exchange, operation, direction, ProblemType.INTERNAL_ERROR.slug(), unexpected.getClass().getName());
                throw unexpected;
            }
            if (!exchange.getProperty(ExchangeApi.AUDITED, false, Boolean.class)) {
                boolean replayed = exchange.getProperty(ExchangeApi.REPLAYED, false, Boolean.class);
                record(exchange, operation, direction, replayed ? "replayed" : "served", null);
            }
        };
    }

    private void record(Exchange exchange, String operation, MessageLogEntry.Direction direction, String outcome,
                        String detail) {
        Partner partner = RequestPartner.of(exchange);
        boolean inbound = direction == MessageLogEntry.Direction.IN;
        messageLog.append(new LoggedExchange(direction, partner.id(), exchange.getProperty(ExchangeApi.DATASET, String.class),
                operation, exchange.getProperty(HttpResponses.MESSAGE_ID, String.class),
                exchange.getProperty(inbound ? ExchangeApi.REQUEST_SHA256 : HttpResponses.BODY_SHA256, String.class),
                exchange.getProperty(inbound ? ExchangeApi.SIGNATURE_RECEIVED : HttpResponses.SIGNATURE_SENT, String.class),
                outcome, detail));
    }
}
