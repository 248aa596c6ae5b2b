package vn.gov.lmi.hub.delivery;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpMethods;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.gov.lmi.hub.ingest.IngestResult;
import vn.gov.lmi.hub.ingest.IngestService;
import vn.gov.lmi.hub.ingest.Submission;
import vn.gov.lmi.hub.problem.ProblemException;
import vn.gov.lmi.hub.trust.Digests;

/**
 * One scheduled pull ({@code rest-pull}): GETs the partner's records over https (the hub's client certificate,
 * the partner's server checked against the trust anchors, an OAuth2 token if the gateway wants one), maps each
 * with the route's JSLT file and submits the page as the partner's batch. The idempotency key is the page's
 * digest, so a page pulled twice is stored once, and an unchanged record adds no version. A page that breaks the
 * dataset's rules is refused whole and logged with every violation; the next pull tries again.
 */
final class PartnerPull implements Processor {

    private static final Logger log = LoggerFactory.getLogger(PartnerPull.class);

    private final ProducerTemplate producer;
    private final IngestService ingest;
    private final ObjectMapper json;
    private final OAuth2ClientCredentials tokens;
    private final String partner;
    private final String dataset;
    private final String endpoint;
    private final String recordsPointer;
    private final Expression mapping;
    private final String sinceParameter;
    private volatile Instant lastSuccess;

    PartnerPull(ProducerTemplate producer, IngestService ingest, ObjectMapper json, OAuth2ClientCredentials tokens,
                String partner, String dataset, String url, Path mapping, String recordsPointer, String sinceParameter,
                Duration connectTimeout, Duration responseTimeout) {
        this.producer = producer;
        this.ingest = ingest;
        this.json = json;
        this.tokens = tokens;
        this.partner = partner;
        this.dataset = dataset;
        this.endpoint = url + (url.contains("?") ? "&" : "?") + "throwExceptionOnFailure=false&followRedirects=false"
                + "&connectTimeout=" + connectTimeout.toMillis() + "&responseTimeout=" + responseTimeout.toMillis()
                + "&connectionRequestTimeout=" + connectTimeout.toMillis() + OutboundTlsConfiguration.option(url);
        this.recordsPointer = recordsPointer == null ? "" : recordsPointer;
        this.sinceParameter = sinceParameter;
        try {
            this.mapping = mapping == null ? null : Parser.compileString(Files.readString(mapping, StandardCharsets.UTF_8));
        } catch (IOException | JsltException e) {
            throw new IllegalArgumentException("mapping " + mapping + " cannot be compiled: " + e.getMessage(), e);
        }
    }

    @Override
    public void process(Exchange trigger) {
        Instant started = Instant.now();
        String query = sinceParameter == null || lastSuccess == null ? null
                : sinceParameter + "=" + URLEncoder.encode(lastSuccess.toString(), StandardCharsets.UTF_8);
        String token;
        try {
            token = tokens == null ? null : tokens.token();
        } catch (DeliveryFailure refused) {
            log.warn("pull of {} from {}: no token ({}); next pull at the next interval", dataset, partner, refused.reason());
            return;
        }
        // one endpoint for every pull (the changing 'since' goes in as the query): Camel caches it
        Exchange answer = producer.send(endpoint, exchange -> {
            exchange.getIn().setHeader(Exchange.HTTP_METHOD, HttpMethods.GET);
            exchange.getIn().setHeader("Accept", "application/json");
            if (query != null) {
                exchange.getIn().setHeader(Exchange.HTTP_QUERY, query);
            }
            if (token != null) {
                exchange.getIn().setHeader("Authorization", "Bearer " + token);
            }
        });
        if (answer.getException() != null) {
            log.warn("pull of {} from {} failed: {}; next pull at the next interval", dataset, partner,
                    RestTransport.classify(answer.getException()).reason());
            return;
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status == 401 && tokens != null) {
            tokens.invalidate(token);
        }
        if (status < 200 || status >= 300) {
            log.warn("pull of {} from {} answered HTTP {}; next pull at the next interval", dataset, partner, status);
            return;
        }
        JsonNode page;
        try {
            page = json.readTree(answer.getMessage().getBody(byte[].class));
        } catch (IOException e) {
            // the parser's message would quote the partner's body
            log.warn("pull of {} from {}: the answer is not JSON", dataset, partner);
            return;
        }
        JsonNode items = recordsPointer.isEmpty() ? page : page.at(recordsPointer);
        ArrayNode records = json.createArrayNode();
        try {
            if (items.isArray()) {
                for (JsonNode item : items) {
                    records.add(mapping == null ? item : mapping.apply(item));
                }
            } else if (items.isObject()) {
                records.add(mapping == null ? items : mapping.apply(items));
            } else {
                log.warn("pull of {} from {}: no records at '{}' in the answer", dataset, partner, recordsPointer);
                return;
            }
        } catch (JsltException e) {
            log.error("pull of {} from {}: the mapping failed: {}", dataset, partner, e.getMessage());
            return;
        }
        // only a page taken in (or empty) moves 'since' on: a refused page is asked for again
        if (records.isEmpty() || submit(records)) {
            lastSuccess = started;
        }
    }

    /** True when the page was stored (or was already). */
    private boolean submit(ArrayNode records) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(records);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the pulled page", e);
        }
        int count = records.size();
        String idempotencyKey = "pull-" + Digests.sha256Hex(body);
        try {
            IngestResult result = ingest.submit(new Submission(UUID.randomUUID().toString(), dataset, partner,
                    idempotencyKey, body, null));
            log.info("pulled {} record(s) of {} from {}{}", count, dataset, partner,
                    result.replayed() ? " (the same page as before: nothing new)" : "");
            return true;
        } catch (ProblemException refused) {
            log.error("pulled page of {} from {} refused ({}): {}{}", dataset, partner, refused.type().slug(),
                    refused.getMessage(), refused.errors().stream().map(v -> "; record " + v.index() + " " + v.pointer()
                            + " (" + v.rule() + ")").reduce("", String::concat));
            return false;
        }
    }
}
