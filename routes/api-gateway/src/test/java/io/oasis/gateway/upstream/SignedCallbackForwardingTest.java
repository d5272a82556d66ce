package io.oasis.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.common.signature.SignedRequests;
import io.oasis.gateway.GatewayTest;
import io.oasis.gateway.StubService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A provider signs the method, path and body it sends to the gateway; the service checks the
 * signature over the method, path and body it receives. So the gateway must pass all three on
 * unchanged, and the signature headers with them, for callers without a token.
 */
class SignedCallbackForwardingTest extends GatewayTest {

    private static final String SECRET = "provider-secret";

    @BeforeEach
    void forgetEarlierRequests() {
        CUSTOMER_SERVICE.clear();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/v1/orders/{id}/shipment   | X-Oasis-Timestamp | X-Oasis-Signature | {}",
            "/api/v1/orders/{id}/delivery   | X-Oasis-Timestamp | X-Oasis-Signature | {}",
            "/api/v1/payments/webhook       | X-Oasis-Timestamp | X-Oasis-Signature | {\"orderId\":\"{id}\",\"paymentId\":\"pay-1\",\"outcome\":\"paid\"}",
            "/api/v1/integrations/crm/webhook | X-Crm-Timestamp | X-Crm-Signature   | {\"customerId\":\"{id}\",\"givenName\":\"Ada\"}" })
    void aSignedCallbackReachesTheServiceAsItWasSigned(String template, String timestampHeader, String signatureHeader,
            String bodyTemplate) throws Exception {
        String id = UUID.randomUUID().toString();
        String path = template.replace("{id}", id);
        String body = bodyTemplate.replace("{id}", id);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String signature = SignedRequests.sign(SECRET, timestamp, "POST", path, body.getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = send(request(path, ANONYMOUS)
                .header("Content-Type", "application/json")
                .header(timestampHeader, timestamp)
                .header(signatureHeader, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        StubService.Recorded forwarded = CUSTOMER_SERVICE.next();
        assertThat(forwarded.method()).isEqualTo("POST");
        assertThat(forwarded.uri()).isEqualTo(path);
        assertThat(forwarded.body()).isEqualTo(body);
        assertThat(forwarded.header(timestampHeader)).isEqualTo(timestamp);
        assertThat(forwarded.header(signatureHeader)).isEqualTo(signature);
        // What the service computes over what it received is what the provider signed.
        assertThat(SignedRequests.sign(SECRET, forwarded.header(timestampHeader), forwarded.method(), forwarded.uri(),
                forwarded.body().getBytes(StandardCharsets.UTF_8))).isEqualTo(signature);
    }
}
