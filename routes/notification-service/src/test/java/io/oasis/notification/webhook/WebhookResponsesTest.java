package io.oasis.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.notification.delivery.DeliveryException.Kind;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.common.http.RetryAfter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** What a receiver's answer, or the lack of one, means for the webhook. */
class WebhookResponsesTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void anySuccessIsDelivered() {
        assertThat(WebhookResponses.forStatus(200, null, null, NOW)).isNull();
        assertThat(WebhookResponses.forStatus(204, null, null, NOW)).isNull();
    }

    @Test
    void aRedirectIsNotFollowedButTriedAgainAndNamesTheLocation() {
        DeliveryException failure = WebhookResponses.forStatus(302, null, "https://elsewhere.example/in", NOW);

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.providerStatus()).isEqualTo(302);
        assertThat(failure.getMessage()).contains("https://elsewhere.example/in").contains("not followed");
    }

    @Test
    void goneEndsTheSubscription() {
        assertThat(WebhookResponses.forStatus(410, null, null, NOW).kind()).isEqualTo(Kind.TARGET_GONE);
    }

    @Test
    void tooManyRequestsAndUnavailableWaitForRetryAfter() {
        DeliveryException seconds = WebhookResponses.forStatus(429, "120", null, NOW);
        assertThat(seconds.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(seconds.retryAfter()).isEqualTo(Duration.ofSeconds(120));

        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atOffset(ZoneOffset.UTC));
        assertThat(WebhookResponses.forStatus(503, date, null, NOW).retryAfter()).isEqualTo(Duration.ofSeconds(90));

        assertThat(WebhookResponses.forStatus(503, null, null, NOW).retryAfter()).isNull();
    }

    @Test
    void retryAfterIsReadCarefully() {
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 09:00:00 GMT", NOW, DeliveryException.MAX_RETRY_AFTER)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", NOW, DeliveryException.MAX_RETRY_AFTER)).isNull();
        assertThat(RetryAfter.parse("-5", NOW, DeliveryException.MAX_RETRY_AFTER)).isNull();
        assertThat(RetryAfter.parse("99999999999999999999", NOW, DeliveryException.MAX_RETRY_AFTER)).isEqualTo(DeliveryException.MAX_RETRY_AFTER);
        assertThat(RetryAfter.parse("864000", NOW, DeliveryException.MAX_RETRY_AFTER)).isEqualTo(DeliveryException.MAX_RETRY_AFTER);
    }

    @Test
    void otherErrorsAreTriedAgain() {
        for (int status : new int[] {400, 401, 404, 500, 502}) {
            DeliveryException failure = WebhookResponses.forStatus(status, "30", null, NOW);
            assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
            assertThat(failure.retryAfter()).as("only 429 and 503 carry Retry-After").isNull();
            assertThat(failure.getMessage()).contains(Integer.toString(status));
        }
    }

    @Test
    void timeoutsAndConnectionErrorsAreTriedAgain() {
        DeliveryException timeout = WebhookResponses.forError(
                new IOException("send failed", new SocketTimeoutException("Read timed out")), Duration.ofSeconds(2));
        assertThat(timeout.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(timeout.getMessage()).contains("timed out").contains("2000 ms");

        assertThat(WebhookResponses.forError(new ConnectException("Connection refused"), Duration.ofSeconds(2)).kind())
                .isEqualTo(Kind.TRANSIENT);
        assertThat(WebhookResponses.forError(new IllegalStateException("odd"), Duration.ofSeconds(2)).kind())
                .isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void aTargetThatNowResolvesToAForbiddenAddressFailsForGood() {
        DeliveryException failure = WebhookResponses.forError(new RuntimeException("wrapped",
                new ForbiddenTargetException("hooks.example resolves to 10.0.0.1, a private address")),
                Duration.ofSeconds(2));

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("10.0.0.1");
    }
}
