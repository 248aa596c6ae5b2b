package vn.gov.lmi.hub.audit;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import vn.gov.lmi.hub.partners.PartnerRegistry;

import vn.gov.lmi.hub.system.HubProperties;

/**
 * Batch RFC 3161 time-stamping of the message log: every interval, if the chain head moved, its hash is sent to
 * the configured TSA and the verified token is stored in {@code message_log_timestamp}. One stamp covers every
 * entry up to the head, because each entry's hash covers the one before it.
 */
@Component
public class ChainTimestamper {

    private static final Logger log = LoggerFactory.getLogger(ChainTimestamper.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HubProperties.Timestamping settings;
    private final MessageLog messageLog;
    private final JdbcTemplate jdbc;
    private final AcceptanceGate gate;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final PartnerRegistry trust;

    public ChainTimestamper(HubProperties properties, MessageLog messageLog, JdbcTemplate jdbc, AcceptanceGate gate,
                            PartnerRegistry trust) {
        this.trust = trust;
        this.settings = properties.audit().timestamping();
        this.messageLog = messageLog;
        this.jdbc = jdbc;
        this.gate = gate;
        if (settings.enabled() && settings.tsaUrl() == null) {
            throw new IllegalStateException("hub.audit.timestamping.enabled is true but hub.audit.timestamping.tsa-url is not set");
        }
    }

    @Scheduled(fixedDelayString = "${hub.audit.timestamping.interval}")
    public void stampIfEnabled() {
        if (!settings.enabled()) {
            return;
        }
        try {
            stampHead();
            gate.stamped();
        } catch (IOException | TSPException | RuntimeException e) {
            log.warn("time-stamping the message log through {} failed (last success {}): {}", settings.tsaUrl(),
                    gate.lastStamp(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stamps the current chain head unless it is already stamped; returns the stamped sequence number. */
    long stampHead() throws IOException, TSPException, InterruptedException {
        MessageLog.Head head = messageLog.head();
        Long stamped = jdbc.queryForObject("SELECT MAX(seq) FROM message_log_timestamp", Long.class);
        if (head.seq() == 0 || (stamped != null && stamped == head.seq())) {
            return head.seq();
        }
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, HexFormat.of().parseHex(head.hash()),
                new BigInteger(64, RANDOM));
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(settings.tsaUrl())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IOException("TSA answered HTTP " + answer.statusCode());
        }
        TimeStampResponse response = new TimeStampResponse(answer.body());
        response.validate(request);
        TimeStampToken token = response.getTimeStampToken();
        if (token == null) {
            throw new TSPException("TSA refused: " + response.getStatusString());
        }
        X509Certificate tsa = verifySignature(token);
        // the TSA must chain to a trust anchor like any partner: a token anyone could make proves nothing
        trust.validator().validate(List.of(tsa));
        Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
        jdbc.update("INSERT INTO message_log_timestamp (seq, head_hash, stamped_at, tsa_url, token_base64) VALUES (?, ?, ?, ?, ?)",
                head.seq(), head.hash(), OffsetDateTime.ofInstant(genTime, ZoneOffset.UTC), settings.tsaUrl().toString(),
                Base64.getEncoder().encodeToString(token.getEncoded()));
        log.info("message log stamped up to entry {} at {}", head.seq(), genTime);
        return head.seq();
    }

    private static X509Certificate verifySignature(TimeStampToken token) throws TSPException {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> certificates = token.getCertificates().getMatches(token.getSID());
        if (certificates.isEmpty()) {
            throw new TSPException("the time-stamp token carries no TSA certificate");
        }
        try {
            X509Certificate tsa = new JcaX509CertificateConverter().getCertificate(certificates.iterator().next());
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
            return tsa;
        } catch (java.security.cert.CertificateException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new TSPException("the TSA certificate cannot be used: " + e.getMessage(), e);
        }
    }
}
