package io.oasis.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.exception.ApiException;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.DeliveryException.Kind;
import io.oasis.notification.safety.UnsafeHeaderException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.ConnectException;
import java.time.Duration;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwilioFailuresTest {

    private final TwilioFailures failures = new TwilioFailures();

    /** As camel-twilio hands a failed API call back: the SDK's exception inside a reflective call inside Camel's. */
    private static Exception thrownByCamelTwilio(Exception sdk) {
        return new RuntimeCamelException(new InvocationTargetException(sdk));
    }

    private static ApiException twilio(int status, Integer code, String message) {
        return new ApiException(message, code, "https://www.twilio.com/docs/errors/" + code, status, null);
    }

    @Test
    void a429WithRetryAfterIsTransientAndKeepsTheWait() {
        DeliveryException failure = failures.classify(thrownByCamelTwilio(
                new TwilioRetryAfterException(null, 429, Duration.ofSeconds(7))));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(failure.providerStatus()).isEqualTo(429);
    }

    @Test
    void a429WithoutRetryAfterIsTransientOnTheSchedule() {
        DeliveryException failure = failures.classify(thrownByCamelTwilio(twilio(429, 20429, "Too Many Requests")));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.retryAfter()).isNull();
        assertThat(failure.providerStatus()).isEqualTo(20429);
        assertThat(failure.getMessage()).contains("429").contains("20429").contains("Too Many Requests");
    }

    @ParameterizedTest
    @CsvSource({ "500, 20500", "502, ", "503, 20503" })
    void serverErrorsAreTransient(int status, Integer code) {
        DeliveryException failure = failures.classify(thrownByCamelTwilio(twilio(status, code, "Server Error")));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.providerStatus()).isEqualTo(code != null ? code : status);
    }

    @Test
    void noAnswerAtAllIsTransient() {
        DeliveryException refused = failures.classify(thrownByCamelTwilio(
                new ApiException("Connection refused", new ConnectException("Connection refused"))));
        DeliveryException timeout = failures.classify(new RuntimeCamelException(new IOException("Read timed out")));

        assertThat(refused.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(refused.providerStatus()).isNull();
        assertThat(refused.getMessage()).contains("ConnectException");
        assertThat(timeout.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(timeout.getMessage()).contains("Read timed out");
    }

    @ParameterizedTest
    @CsvSource({ "21211", "21614", "21610" })
    void aNumberThatCannotGetSmsIsAnInvalidContact(int code) {
        DeliveryException failure = failures.classify(thrownByCamelTwilio(twilio(400, code, "not reachable")));

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_CONTACT);
        assertThat(failure.providerStatus()).isEqualTo(code);
        assertThat(failure.retryAfter()).isNull();
    }

    @ParameterizedTest
    @CsvSource({ "400, 21408", "400, 21606", "400, 21612", "401, 20003", "404, 20404", "400, " })
    void otherClientErrorsArePermanent(int status, Integer code) {
        DeliveryException failure = failures.classify(thrownByCamelTwilio(twilio(status, code, "refused")));

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.providerStatus()).isEqualTo(code != null ? code : status);
    }

    @Test
    void aDeliveryExceptionAlreadyThrownIsKept() {
        UnsafeHeaderException unsafe = new UnsafeHeaderException("CamelTwilio.to");

        assertThat(failures.classify(new RuntimeCamelException(unsafe))).isSameAs(unsafe);
    }

    @Test
    void deliveryReportCodesThatMeanTheNumberIsGone() {
        assertThat(TwilioFailures.numberInvalid(30005)).isTrue();
        assertThat(TwilioFailures.numberInvalid(30006)).isTrue();
        assertThat(TwilioFailures.numberInvalid(21211)).isTrue();
        // Unreachable for now (switched off), filtered by the carrier, or no code at all: the number stays valid.
        assertThat(TwilioFailures.numberInvalid(30003)).isFalse();
        assertThat(TwilioFailures.numberInvalid(30007)).isFalse();
        assertThat(TwilioFailures.numberInvalid(null)).isFalse();
    }
}
