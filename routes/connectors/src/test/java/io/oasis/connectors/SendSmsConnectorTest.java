package io.oasis.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.testsupport.connector.ConnectorKit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SendSmsConnectorTest {

    private static final String MESSAGES = "/2010-04-01/Accounts/AC123/Messages.json";

    @RegisterExtension
    static final ConnectorKit kit = ConnectorKit.connector("send-sms")
            .configure("baseUrl", ConnectorKit.WIREMOCK_URL)
            .configure("accountSid", "AC123")
            .configure("authToken", "test-only-auth-token")
            .configure("from", "+15005550006");

    private static final Map<String, Object> MESSAGE = Map.of("to", "+4915112345678", "text", "Your order & more: shipped");

    @Test
    void sendsTheMessageThroughTwilio() {
        kit.wiremock().stubFor(post(MESSAGES).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM1\",\"status\":\"queued\"}")));

        assertThat(kit.call(Map.of(), MESSAGE).outputs()).containsExactlyEntriesOf(Map.of("messageSid", "SM1"));
        kit.wiremock().verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo("Basic QUMxMjM6dGVzdC1vbmx5LWF1dGgtdG9rZW4="))
                .withRequestBody(equalTo("To=%2B4915112345678&From=%2B15005550006&Body=Your+order+%26+more%3A+shipped")));
    }

    @Test
    void anInvalidNumberIsTheBpmnErrorInvalidPhoneNumber() {
        kit.wiremock().stubFor(post(MESSAGES).willReturn(aResponse().withStatus(400)
                .withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\"}")));

        assertThat(kit.call(Map.of(), MESSAGE).bpmnErrorCode()).isEqualTo("InvalidPhoneNumber");
    }

    @Test
    void aServerErrorFailsTheCall() {
        kit.wiremock().stubFor(post(MESSAGES).willReturn(aResponse().withStatus(503)));

        var failure = kit.call(Map.of(), MESSAGE).failure();

        assertThat(failure).hasMessageContaining("HTTP 503");
        assertThat(failure.getMessage()).doesNotContain("test-only-auth-token");
    }

    @Test
    void noAnswerWithinTheTimeoutFailsTheCall() {
        kit.wiremock().stubFor(post(MESSAGES).willReturn(aResponse().withStatus(201).withFixedDelay(3_000)));

        assertThat(kit.call(Map.of(), MESSAGE, Duration.ofMillis(300)).failure()).hasMessageContaining("no answer within");
    }
}
