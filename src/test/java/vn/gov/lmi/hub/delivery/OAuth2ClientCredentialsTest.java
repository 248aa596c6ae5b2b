package vn.gov.lmi.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import vn.gov.lmi.hub.delivery.RecordingHttpServer.Answer;
import vn.gov.lmi.hub.support.MutableClock;

class OAuth2ClientCredentialsTest extends PartnerCallTest {

    private static final String TOKEN = "/oauth2/token";
    private static final String API = "/api/records";
    private static final String SECRET = "s3cr:et/+x";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T08:00:00Z"));



    @Test
    void asksForATokenWithTheClientCredentialsGrantAndBasicClientAuthentication() {
        server.answer(TOKEN, token("tok-1", "\"expires_in\": 300"));
        OAuth2ClientCredentials tokens = new OAuth2ClientCredentials(producer, server.url(TOKEN), "hub client", SECRET,
                "lmi.read lmi:write", Duration.ofSeconds(2), Duration.ofSeconds(5), clock);

        assertThat(tokens.token()).isEqualTo("tok-1");

        assertThat(server.requests()).hasSize(1);
        RecordingHttpServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(TOKEN);
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.body()).isEqualTo("grant_type=client_credentials&scope=lmi.read+lmi%3Awrite");
        // RFC 6749 §2.3.1: the id and the secret are form-encoded before they are joined
        assertThat(request.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("hub+client:s3cr%3Aet%2F%2Bx".getBytes(StandardCharsets.UTF_8)));
        assertThat(tokens.target()).isEqualTo(server.url(TOKEN));
    }

    @Test
    void withoutAScopeTheFormHasOnlyTheGrantType() {
        server.answer(TOKEN, token("tok-1", "\"expires_in\": 300"));

        tokens(null).token();

        assertThat(server.requests().get(0).body()).isEqualTo("grant_type=client_credentials");
    }

    @Test
    void aCachedTokenServesTwoCallsWithOneTokenRequest() {
        server.answer(TOKEN, token("tok-1", "\"expires_in\": 3600"), token("tok-2", "\"expires_in\": 3600"));
        server.answer(API, Answer.json(200, "{}"));
        RestTransport rest = rest(tokens("lmi"));

        rest.send(delivery("d-1"));
        rest.send(delivery("d-2"));

        assertThat(server.lines()).containsExactly("POST " + TOKEN, "POST " + API, "POST " + API);
        assertThat(server.requests(API)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer tok-1", "Bearer tok-1");
        assertThat(server.requests(API)).extracting(r -> r.header("Idempotency-Key")).containsExactly("d-1", "d-2");
        assertThat(server.requests(API)).extracting(RecordingHttpServer.Request::body)
                .containsExactly("{\"id\":\"d-1\"}", "{\"id\":\"d-2\"}");
    }

    @Test
    void aTokenThatExpiresInZeroSecondsIsNeverReused() {
        server.answer(TOKEN, token("tok-1", "\"expires_in\": 0"), token("tok-2", "\"expires_in\": 0"));
        server.answer(API, Answer.json(200, "{}"));
        RestTransport rest = rest(tokens(null));

        rest.send(delivery("d-1"));
        rest.send(delivery("d-2"));

        assertThat(server.lines()).containsExactly("POST " + TOKEN, "POST " + API, "POST " + TOKEN, "POST " + API);
        assertThat(server.requests(API)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer tok-1", "Bearer tok-2");
    }

    @Test
    void aTokenIsReusedUntilItsLifetimeLessTheSkew() {
        // 600 s: the skew is 30 s (a tenth would be 60 s), so the token serves until 570 s after it was asked for
        server.answer(TOKEN, token("tok-1", "\"expires_in\": 600"), token("tok-2", "\"expires_in\": 600"));
        OAuth2ClientCredentials tokens = tokens(null);

        assertThat(tokens.token()).isEqualTo("tok-1");
        clock.advance(Duration.ofSeconds(569));
        assertThat(tokens.token()).isEqualTo("tok-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.token()).isEqualTo("tok-2");

        assertThat(server.lines()).containsExactly("POST " + TOKEN, "POST " + TOKEN);
    }

    @Test
    void aShortLivedTokenLosesATenthOfItsLifetime() {
        // 100 s as a string: the skew is 10 s
        server.answer(TOKEN, token("tok-1", "\"expires_in\": \"100\""), token("tok-2", "\"expires_in\": 100"));
        OAuth2ClientCredentials tokens = tokens(null);

        tokens.token();
        clock.advance(Duration.ofMillis(89_999));
        assertThat(tokens.token()).isEqualTo("tok-1");
        clock.advance(Duration.ofMillis(1));
        assertThat(tokens.token()).isEqualTo("tok-2");
    }

    @Test
    void aTokenWithoutExpiresInIsReusedForFiveMinutesAtMost() {
        server.answer(TOKEN, token("tok-1", null), token("tok-2", null));
        OAuth2ClientCredentials tokens = tokens(null);

        tokens.token();
        clock.advance(Duration.ofSeconds(299));
        assertThat(tokens.token()).isEqualTo("tok-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.token()).isEqualTo("tok-2");
        assertThat(server.requests(TOKEN)).hasSize(2);
    }

    @Test
    void a401FromThePartnerInvalidatesTheTokenAndRetriesOnceWithANewOne() {
        server.answer(TOKEN, token("tok-1", "\"expires_in\": 3600"), token("tok-2", "\"expires_in\": 3600"));
        server.answer(API, Answer.json(401, "{}").withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""),
                Answer.json(200, "{}"));
        RestTransport rest = rest(tokens(null));

        rest.send(delivery("d-1"));

        assertThat(server.lines()).containsExactly("POST " + TOKEN, "POST " + API, "POST " + TOKEN, "POST " + API);
        assertThat(server.requests(API)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer tok-1", "Bearer tok-2");
        assertThat(server.requests(API)).extracting(r -> r.header("Idempotency-Key")).containsExactly("d-1", "d-1");

        // the fresh token is the cached one now
        rest.send(delivery("d-2"));
        assertThat(server.requests(TOKEN)).hasSize(2);
        assertThat(server.requests(API).get(2).header("Authorization")).isEqualTo("Bearer tok-2");
    }

    @Test
    void a401ForTheFreshTokenTooIsARetryableHttp401() {
        server.answer(TOKEN, token("tok-1", "\"expires_in\": 3600"), token("tok-2", "\"expires_in\": 3600"));
        server.answer(API, Answer.json(401, "{}"));
        RestTransport rest = rest(tokens(null));

        DeliveryFailure failure = catchThrowableOfType(() -> rest.send(delivery("d-1")), DeliveryFailure.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).isEqualTo("http-401");
        assertThat(server.lines()).containsExactly("POST " + TOKEN, "POST " + API, "POST " + TOKEN, "POST " + API);
    }

    @Test
    void aTokenEndpointAnswering401IsRetryableAndItsMessageDoesNotContainTheSecret() {
        server.answer(TOKEN, Answer.json(401, "{\"error\": \"invalid_client\"}"));
        RestTransport rest = rest(tokens(null));

        DeliveryFailure failure = catchThrowableOfType(() -> rest.send(delivery("d-1")), DeliveryFailure.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).isEqualTo("token-http-401");
        assertThat(failure.getMessage()).isEqualTo("the token endpoint " + server.url(TOKEN)
                + " answered HTTP 401 (invalid_client)");
        assertThat(failure.getMessage()).doesNotContain(SECRET).doesNotContain("s3cr");
        assertThat(server.lines()).containsExactly("POST " + TOKEN);
    }

    @Test
    void aTokenEndpointAnswering502PassesItsRetryAfterOn() {
        // 502, not 503: camel-http's client itself re-sends a 429 or 503 once after its Retry-After
        server.answer(TOKEN, Answer.of(502, "text/plain", "busy").withHeader("Retry-After", "20"));

        DeliveryFailure failure = catchThrowableOfType(() -> tokens(null).token(), DeliveryFailure.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).isEqualTo("token-http-502");
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void answersWithoutAUsableBearerTokenAreRetryableTokenInvalid() {
        for (Answer answer : List.of(Answer.json(200, "{\"token_type\": \"Bearer\", \"expires_in\": 60}"),
                Answer.of(200, "text/html", "<html>login</html>"),
                Answer.json(200, "{\"access_token\": \"tok-1\", \"token_type\": \"mac\"}"),
                Answer.json(200, "{\"access_token\": \"tok 1\\r\\nX: y\"}"))) {
            server.answer(TOKEN, answer);

            DeliveryFailure failure = catchThrowableOfType(() -> tokens(null).token(), DeliveryFailure.class);

            assertThat(failure.retryable()).isTrue();
            assertThat(failure.reason()).isEqualTo("token-invalid");
            assertThat(failure.getMessage()).startsWith("the token endpoint " + server.url(TOKEN) + " answered with ");
        }
    }

    @Test
    void theTokenTypeIsComparedWithoutCase() {
        server.answer(TOKEN, Answer.json(200, "{\"access_token\": \"tok-1\", \"token_type\": \"bearer\"}"));

        assertThat(tokens(null).token()).isEqualTo("tok-1");
    }

    @Test
    void anUnreachableTokenEndpointIsARetryableConnectionFailure() throws Exception {
        String gone;
        try (RecordingHttpServer closed = new RecordingHttpServer()) {
            gone = closed.url(TOKEN);
        }
        OAuth2ClientCredentials tokens = new OAuth2ClientCredentials(producer, gone, "hub", SECRET, null,
                Duration.ofSeconds(2), Duration.ofSeconds(5), clock);

        DeliveryFailure failure = catchThrowableOfType(tokens::token, DeliveryFailure.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).isEqualTo("connection");
        assertThat(failure.getMessage()).startsWith("token endpoint " + gone + ": ").doesNotContain(SECRET);
    }

    @Test
    void invalidateForgetsOnlyTheTokenItNames() {
        server.answer(TOKEN, token("tok-1", "\"expires_in\": 3600"), token("tok-2", "\"expires_in\": 3600"));
        OAuth2ClientCredentials tokens = tokens(null);

        assertThat(tokens.token()).isEqualTo("tok-1");
        tokens.invalidate("tok-0");
        assertThat(tokens.token()).isEqualTo("tok-1");
        tokens.invalidate("tok-1");
        assertThat(tokens.token()).isEqualTo("tok-2");
        assertThat(server.requests(TOKEN)).hasSize(2);
    }

    @Test
    void concurrentCallersShareOneTokenRequest() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger issued = new AtomicInteger();
        server.answer(TOKEN, request -> {
            asked.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return token("tok-" + issued.incrementAndGet(), "\"expires_in\": 3600");
        });
        OAuth2ClientCredentials tokens = tokens(null);

        CompletableFuture<String> first = CompletableFuture.supplyAsync(tokens::token);
        assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
        // the others arrive while the first caller's request is still open
        Thread[] others = new Thread[3];
        String[] got = new String[others.length];
        for (int i = 0; i < others.length; i++) {
            int index = i;
            others[i] = new Thread(() -> got[index] = tokens.token());
            others[i].start();
        }
        for (Thread other : others) {
            await().atMost(Duration.ofSeconds(10)).until(() -> other.getState() == Thread.State.BLOCKED);
        }
        release.countDown();
        for (Thread other : others) {
            other.join(10_000);
        }

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("tok-1");
        assertThat(got).containsOnly("tok-1");
        assertThat(server.requests(TOKEN)).hasSize(1);
    }

    private OAuth2ClientCredentials tokens(String scope) {
        return new OAuth2ClientCredentials(producer, server.url(TOKEN), "hub", SECRET, scope, Duration.ofSeconds(2),
                Duration.ofSeconds(5), clock);
    }

    private RestTransport rest(OAuth2ClientCredentials tokens) {
        return new RestTransport(producer, server.url(API), Duration.ofSeconds(2), Duration.ofSeconds(5), tokens);
    }

    private static OutgoingDelivery delivery(String id) {
        return new OutgoingDelivery(id, id, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), "sig-" + id, 1,
                false, "key");
    }

    private static Answer token(String token, String expiresIn) {
        return Answer.json(200, "{\"access_token\": \"" + token + "\", \"token_type\": \"Bearer\""
                + (expiresIn == null ? "" : ", " + expiresIn) + "}");
    }
}
