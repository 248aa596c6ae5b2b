package vn.gov.lmi.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.gov.lmi.hub.support.FakeTimestampAuthority;
import vn.gov.lmi.hub.support.HubIntegrationTest;

/**
 * RFC 3161 time-stamping of the message log through a TSA on localhost: stamps cover the chain head and verify;
 * when the TSA stays down past the grace period the hub refuses submissions with 503, and accepts again once the
 * TSA answers. Runs its own hub (own home) because time-stamping is off by default.
 */
class TimestampingIT extends HubIntegrationTest {

    private static final FakeTimestampAuthority TSA = startTsa();
    private static final Path OWN_HOME = ownHome();

    @DynamicPropertySource
    static void timestamping(DynamicPropertyRegistry registry) {
        registry.add("hub.home", OWN_HOME::toString);
        registry.add("hub.audit.timestamping.enabled", () -> "true");
        registry.add("hub.audit.timestamping.tsa-url", () -> TSA.url().toString());
        registry.add("hub.audit.timestamping.interval", () -> "200ms");
        registry.add("hub.audit.timestamping.grace-period", () -> "2s");
    }

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void stopTsa() {
        TSA.close();
    }

    @Test
    void theChainHeadIsStampedAndSubmissionsStopWhileTheTsaStaysDown() throws Exception {
        String body = vn.gov.lmi.hub.support.Examples.firstValid("job-vacancy");
        assertThat(post("/datasets/job-vacancy/records", body).statusCode()).isEqualTo(202);
        long head = jdbc.queryForObject("SELECT last_seq FROM message_log_head", Long.class);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM message_log_timestamp", Long.class) >= head);

        Map<String, Object> stamp = jdbc.queryForMap("SELECT * FROM message_log_timestamp ORDER BY seq DESC LIMIT 1");
        long stampedSeq = ((Number) stamp.get("seq")).longValue();
        String stampedHash = jdbc.queryForObject("SELECT entry_hash FROM message_log WHERE seq = ?", String.class, stampedSeq);
        assertThat(stamp.get("head_hash")).isEqualTo(stampedHash);
        TimeStampToken token = new TimeStampToken(new CMSSignedData(Base64.getDecoder().decode((String) stamp.get("token_base64"))));
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(HexFormat.of().parseHex(stampedHash));
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(TSA.certificate()));

        TSA.stop();
        await().atMost(Duration.ofSeconds(15)).until(() -> post("/datasets/job-vacancy/records", body).statusCode() == 503);
        var refused = post("/datasets/job-vacancy/records", body);
        assertThat(refused.body()).contains("\"type\":\"https://lmi.molisa.gov.vn/problems/timestamping-unavailable\"")
                .contains("submissions resume once the TSA answers");
        assertThat(pullStillWorks()).isTrue();

        TSA.restart();
        await().atMost(Duration.ofSeconds(15)).until(() -> post("/datasets/job-vacancy/records", body).statusCode() == 202);
    }

    private boolean pullStillWorks() {
        return get("/datasets/job-vacancy/records?limit=1").statusCode() == 200;
    }

    private static FakeTimestampAuthority startTsa() {
        try {
            return new FakeTimestampAuthority();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test TSA", e);
        }
    }

    private static Path ownHome() {
        try {
            Path home = Files.createTempDirectory("lmi-hub-tsa-it-");
            try (InputStream registry = TimestampingIT.class.getResourceAsStream("/partners-test.yaml")) {
                Files.copy(registry, home.resolve("partners.yaml"));
            }
            return home;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
