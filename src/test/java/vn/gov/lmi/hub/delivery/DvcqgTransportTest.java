package vn.gov.lmi.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import vn.gov.lmi.hub.delivery.RecordingHttpServer.Answer;

class DvcqgTransportTest extends PartnerCallTest {

    private static final String LOGIN = "/dvcqg/login";
    private static final String CALL = "/dvcqg/api";
    private static final String PASSWORD = "Mk#2025-bi-mat";

    private final ObjectMapper json = new ObjectMapper();



    @Test
    void logsInThenCallsWithTheServiceCodeHeaderAndTheSessionInTheBody() throws Exception {
        server.answer(LOGIN, Answer.json(200, "{\"session\": \"S1\", \"error_code\": 0}"));
        server.answer(CALL, Answer.json(200, "{\"error_code\": 0, \"result\": \"ok\"}"));
        DvcqgTransport transport = transport();

        transport.send(new OutgoingDelivery("d-1", "d-1",
                "{\"hoTen\": \"Nguyễn Văn A\", \"soNguoi\": 3, \"session\": \"forged\", \"service\": \"other\"}"
                        .getBytes(StandardCharsets.UTF_8), "sig-d-1", 3, true, "key"));

        assertThat(server.lines()).containsExactly("POST " + LOGIN, "POST " + CALL);
        RecordingHttpServer.Request login = server.requests().get(0);
        assertThat(login.header("Content-Type")).isEqualTo("application/json");
        assertThat(json.readTree(login.body())).isEqualTo(json.readTree(
                "{\"username\": \"lmi-hub\", \"password\": \"" + PASSWORD + "\"}"));
        RecordingHttpServer.Request call = server.requests().get(1);
        assertThat(call.header("Content-Type")).isEqualTo("application/json");
        assertThat(call.header("dstcode")).isEqualTo("G22.LDTBXH.LMI");
        assertThat(call.header("Idempotency-Key")).isEqualTo("d-1");
        assertThat(call.header("X-JWS-Signature")).isEqualTo("sig-d-1");
        assertThat(call.header(RestTransport.ATTEMPT_HEADER)).isEqualTo("3");
        assertThat(call.header(RestTransport.REDELIVERY_HEADER)).isEqualTo("true");
        assertThat(call.header("Authorization")).isNull();
        assertThat(json.readTree(call.body())).isEqualTo(json.readTree("{\"hoTen\": \"Nguyễn Văn A\", \"soNguoi\": 3,"
                + " \"session\": \"S1\", \"madonvi\": \"000.00.00.G22\", \"service\": \"NopHoSoLaoDong\"}"));
        assertThat(transport.target()).isEqualTo(server.url(CALL));
    }

    @Test
    void oneSessionServesTwoCalls() throws Exception {
        server.answer(LOGIN, Answer.json(200, "{\"session\": \"S1\", \"error_code\": \"0\"}"),
                Answer.json(200, "{\"session\": \"S2\", \"error_code\": \"0\"}"));
        server.answer(CALL, Answer.json(200, "{\"error_code\": \"0\"}"));
        DvcqgTransport transport = transport();

        transport.send(delivery("d-1"));
        transport.send(delivery("d-2"));

        assertThat(server.lines()).containsExactly("POST " + LOGIN, "POST " + CALL, "POST " + CALL);
        assertThat(sessions()).containsExactly("S1", "S1");
    }

    @Test
    void anExpiredSessionMeansALoginAndOneMoreCall() throws Exception {
        server.answer(LOGIN, Answer.json(200, "{\"session\": \"S1\", \"error_code\": 0}"),
                Answer.json(200, "{\"session\": \"S2\", \"error_code\": 0}"));
        server.answer(CALL, Answer.json(200, "{\"error_code\": -1, \"message\": \"Phiên làm việc hết hạn\"}"),
                Answer.json(200, "{\"error_code\": 0}"));
        DvcqgTransport transport = transport();

        assertThatCode(() -> transport.send(delivery("d-1"))).doesNotThrowAnyException();

        assertThat(server.lines()).containsExactly("POST " + LOGIN, "POST " + CALL, "POST " + LOGIN, "POST " + CALL);
        assertThat(sessions()).containsExactly("S1", "S2");
        assertThat(server.requests(CALL)).extracting(r -> r.header("Idempotency-Key")).containsExactly("d-1", "d-1");
    }

    @Test
    void aSessionExpiredAgainAfterTheNewLoginIsRetryable() throws Exception {
        server.answer(LOGIN, Answer.json(200, "{\"session\": \"S1\", \"error_code\": 0}"),
                Answer.json(200, "{\"session\": \"S2\", \"error_code\": 0}"),
                Answer.json(200, "{\"session\": \"S3\", \"error_code\": 0}"));
        server.answer(CALL, Answer.json(200, "{\"error_code\": \"-1\"}"));
        DvcqgTransport transport = transport();

        DeliveryFailure failure = catchThrowableOfType(() -> transport.send(delivery("d-1")), DeliveryFailure.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).isEqualTo("dvcqg-session-expired");
        assertThat(server.lines()).containsExactly("POST " + LOGIN, "POST " + CALL, "POST " + LOGIN, "POST " + CALL);
        assertThat(sessions()).containsExactly("S1", "S2");
    }

    @Test
    void anotherErrorCodeIsAPermanentRefusalWithThePortalsMessage() {
        server.answer(LOGIN, Answer.json(200, "{\"session\": \"S1\", \"error_code\": 0}"));
        server.answer(CALL, Answer.json(200, "{\"error_code\": 12, \"message\": \"Mã hồ sơ đã tồn tại\"}"));

        DeliveryFailure failure = catchThrowableOfType(() -> transport().send(delivery("d-1")), DeliveryFailure.class);

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason()).isEqualTo("dvcqg-error-12");
        assertThat(failure.getMessage()).isEqualTo("the portal at " + server.url(CALL)
                + " refused the message with error_code 12: Mã hồ sơ đã tồn tại");
        assertThat(server.lines()).containsExactly("POST " + LOGIN, "POST " + CALL);
    }

    @Test
    void thePortalsMessageIsCutAt200Characters() {
        String longMessage = "x".repeat(200) + "y".repeat(100);
        server.answer(LOGIN, Answer.json(200, "{\"session\": \"S1\", \"error_code\": 0}"));
        server.answer(CALL, Answer.json(200, "{\"error_code\": \"E7\", \"message\": \"" + longMessage + "\"}"));

        DeliveryFailure failure = catchThrowableOfType(() -> transport().send(delivery("d-1")), DeliveryFailure.class);

        assertThat(failure.reason()).isEqualTo("dvcqg-error-E7");
        assertThat(failure.getMessage()).endsWith(": " + "x".repeat(200) + "…").doesNotContain("y");
    }

    @Test
    void aRetryableCodeIsRetryable() {
        server.answer(LOGIN, Answer.json(200, "{\"session\": \"S1\", \"error_code\": 0}"));
        server.answer(CALL, Answer.json(200, "{\"error_code\": 99, \"message\": \"Hệ thống bận\"}"));

        DeliveryFailure failure = catchThrowableOfType(() -> transport().send(delivery("d-1")), DeliveryFailure.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).isEqualTo("dvcqg-error-99");
        assertThat(server.lines()).containsExactly("POST " + LOGIN, "POST " + CALL);
    }

    @Test
    void aRefusedLoginIsRetryableAndDoesNotNameThePassword() {
        server.answer(LOGIN, Answer.json(200, "{\"error_code\": 1, \"message\": \"Sai mật khẩu " + PASSWORD + "\"}"));

        DeliveryFailure failure = catchThrowableOfType(() -> transport().send(delivery("d-1")), DeliveryFailure.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).isEqualTo("dvcqg-login-refused");
        assertThat(failure.getMessage()).isEqualTo("the portal at " + server.url(LOGIN)
                + " refused the login (error_code 1) and gave no session");
        assertThat(failure.getMessage()).doesNotContain(PASSWORD);
        assertThat(server.lines()).containsExactly("POST " + LOGIN);
    }

    @Test
    void aLoginWithoutASessionIsRefused() {
        server.answer(LOGIN, Answer.json(200, "{\"error_code\": 0}"));

        DeliveryFailure failure = catchThrowableOfType(() -> transport().send(delivery("d-1")), DeliveryFailure.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).isEqualTo("dvcqg-login-refused");
        assertThat(server.lines()).containsExactly("POST " + LOGIN);
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefusedBeforeAnyCall() {
        for (String body : new String[] {"[1, 2]", "\"text\"", "not json", ""}) {
            DeliveryFailure failure = catchThrowableOfType(() -> transport().send(new OutgoingDelivery("d-1", "d-1",
                    body.getBytes(StandardCharsets.UTF_8), "sig", 1, false, "key")), DeliveryFailure.class);

            assertThat(failure.retryable()).isFalse();
            assertThat(failure.reason()).isEqualTo("dvcqg-body-not-object");
        }
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void httpErrorsAreClassifiedAsForRest() {
        server.answer(LOGIN, Answer.json(200, "{\"session\": \"S1\", \"error_code\": 0}"));
        // 502, not 503: camel-http's client itself re-sends a 429 or 503 once after its Retry-After
        server.answer(CALL, Answer.of(502, "text/html", "<html>bảo trì</html>").withHeader("Retry-After", "7"),
                Answer.of(422, "text/plain", "bad"), Answer.of(403, "text/plain", "forbidden"));
        DvcqgTransport transport = transport();

        DeliveryFailure unavailable = catchThrowableOfType(() -> transport.send(delivery("d-1")), DeliveryFailure.class);
        DeliveryFailure refused = catchThrowableOfType(() -> transport.send(delivery("d-1")), DeliveryFailure.class);
        DeliveryFailure forbidden = catchThrowableOfType(() -> transport.send(delivery("d-1")), DeliveryFailure.class);

        assertThat(unavailable.retryable()).isTrue();
        assertThat(unavailable.reason()).isEqualTo("http-502");
        assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.reason()).isEqualTo("http-422");
        assertThat(forbidden.retryable()).isTrue();
        assertThat(forbidden.reason()).isEqualTo("http-403");
        assertThat(server.lines()).containsExactly("POST " + LOGIN, "POST " + CALL, "POST " + CALL, "POST " + CALL);
    }

    @Test
    void aSuccessfulHttpAnswerWithoutAnErrorCodeIsNoConfirmation() {
        server.answer(LOGIN, Answer.json(200, "{\"session\": \"S1\", \"error_code\": 0}"));
        server.answer(CALL, Answer.of(200, "text/html", "<html>cổng đăng nhập</html>"));

        DeliveryFailure failure = catchThrowableOfType(() -> transport().send(delivery("d-1")), DeliveryFailure.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).isEqualTo("dvcqg-answer-invalid");
    }

    private DvcqgTransport transport() {
        return new DvcqgTransport(producer, json, server.url(LOGIN), "lmi-hub", PASSWORD, server.url(CALL),
                "G22.LDTBXH.LMI", "000.00.00.G22", "NopHoSoLaoDong", Set.of("-1", "401"), Set.of("99", "503"),
                Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static OutgoingDelivery delivery(String id) {
        return new OutgoingDelivery(id, id, ("{\"ma\": \"" + id + "\"}").getBytes(StandardCharsets.UTF_8), "sig-" + id, 1,
                false, "key");
    }

    private java.util.List<String> sessions() throws Exception {
        java.util.List<String> sessions = new java.util.ArrayList<>();
        for (RecordingHttpServer.Request call : server.requests(CALL)) {
            JsonNode body = json.readTree(call.body());
            sessions.add(body.get("session").asText());
        }
        return sessions;
    }
}
