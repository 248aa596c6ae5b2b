package vn.gov.lmi.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import vn.gov.lmi.hub.delivery.RecordingHttpServer.Answer;

/** REST push without a token source: the calls it always made. */
class RestTransportTest extends PartnerCallTest {

    private static final String API = "/api/records";




    @Test
    void postsTheBodyWithTheDeliveryHeadersAndNoAuthorization() {
        server.answer(API, Answer.json(201, "{}"));

        rest().send(new OutgoingDelivery("d-1", "d-1", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "sig-1", 2, true, "k"));

        assertThat(server.requests()).hasSize(1);
        RecordingHttpServer.Request request = server.requests().get(0);
        assertThat(request.line()).isEqualTo("POST " + API);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Idempotency-Key")).isEqualTo("d-1");
        assertThat(request.header("X-JWS-Signature")).isEqualTo("sig-1");
        assertThat(request.header(RestTransport.ATTEMPT_HEADER)).isEqualTo("2");
        assertThat(request.header(RestTransport.REDELIVERY_HEADER)).isEqualTo("true");
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.body()).isEqualTo("{\"a\":1}");
    }

    @Test
    void a401WithoutATokenSourceIsRetryableAtOnce() {
        server.answer(API, Answer.json(401, "{}"));

        DeliveryFailure failure = catchThrowableOfType(() -> rest().send(delivery()), DeliveryFailure.class);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).isEqualTo("http-401");
        assertThat(server.lines()).containsExactly("POST " + API);
    }

    @Test
    void aMessageErrorIsPermanent() {
        server.answer(API, Answer.json(422, "{}"));

        DeliveryFailure failure = catchThrowableOfType(() -> rest().send(delivery()), DeliveryFailure.class);

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason()).isEqualTo("http-422");
    }

    private RestTransport rest() {
        return new RestTransport(producer, server.url(API), Duration.ofSeconds(2), Duration.ofSeconds(5), null);
    }

    private static OutgoingDelivery delivery() {
        return new OutgoingDelivery("d-1", "d-1", "{}".getBytes(StandardCharsets.UTF_8), "sig", 1, false, "k");
    }
}
