package io.oasis.notification.sms;

import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import io.oasis.common.http.RetryAfter;
import io.oasis.notification.delivery.DeliveryException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class TwilioHttpClientTest {

    private static Request messageCreate() {
        Request request = new Request(HttpMethod.POST, "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json");
        request.setAuth("AC1", "token");
        request.addPostParam("To", "+4915112345678");
        request.addPostParam("Body", "Hello");
        request.addQueryParam("PageSize", "1");
        request.addHeaderParam("X-Custom", "kept");
        return request;
    }

    @Test
    void aBaseUrlTakesTwiliosPlaceAndKeepsTheRest() {
        Request moved = new TwilioHttpClient("http://127.0.0.1:8089", Duration.ofSeconds(1)).rebase(messageCreate());

        assertThat(moved.getUrl()).isEqualTo("http://127.0.0.1:8089/2010-04-01/Accounts/AC1/Messages.json");
        assertThat(moved.constructURL().toString())
                .isEqualTo("http://127.0.0.1:8089/2010-04-01/Accounts/AC1/Messages.json?PageSize=1");
        assertThat(moved.getMethod()).isEqualTo(HttpMethod.POST);
        assertThat(moved.getAuthString()).isEqualTo(messageCreate().getAuthString());
        assertThat(moved.getPostParams())
                .containsEntry("To", List.of("+4915112345678"))
                .containsEntry("Body", List.of("Hello"));
        assertThat(moved.getHeaderParams()).containsEntry("X-Custom", List.of("kept"));
    }

    @Test
    void withoutABaseUrlTheRequestGoesToTwilio() {
        Request request = messageCreate();

        assertThat(new TwilioHttpClient(null, Duration.ofSeconds(1)).rebase(request)).isSameAs(request);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2025-01-06T10:00:00Z");

        assertThat(RetryAfter.parse("1", now, DeliveryException.MAX_RETRY_AFTER)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryAfter.parse(" 120 ", now, DeliveryException.MAX_RETRY_AFTER)).isEqualTo(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("Mon, 06 Jan 2025 10:00:30 GMT", now, DeliveryException.MAX_RETRY_AFTER)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Mon, 06 Jan 2025 09:00:00 GMT", now, DeliveryException.MAX_RETRY_AFTER)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now, DeliveryException.MAX_RETRY_AFTER)).isNull();
        assertThat(RetryAfter.parse("-5", now, DeliveryException.MAX_RETRY_AFTER)).isNull();
        assertThat(RetryAfter.parse(null, now, DeliveryException.MAX_RETRY_AFTER)).isNull();
    }
}
