package io.oasis.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Secrets and signatures as the Standard Webhooks specification defines them. */
class WebhookSignatureTest {

    @Test
    void signsThePublishedReferenceVector() {
        String signature = WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aReceiverWithItsOwnHmacAcceptsTheSignature() {
        String secret = WebhookSignature.newSecret();
        String id = UUID.randomUUID().toString();
        byte[] body = "{\"type\":\"OrderShipped\",\"data\":{\"city\":\"Zürich\"}}".getBytes(StandardCharsets.UTF_8);

        String signature = WebhookSignature.sign(secret, id, 1_700_000_000L, body);

        assertThat(signature).isEqualTo(IndependentHmac.expectedSignature(secret, id, "1700000000", body));
    }

    @Test
    void theSignatureCoversIdTimestampAndBody() {
        String secret = WebhookSignature.newSecret();
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(secret, "id-1", 100L, body);

        assertThat(WebhookSignature.sign(secret, "id-2", 100L, body)).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign(secret, "id-1", 101L, body)).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign(secret, "id-1", 100L, "{\"a\":2}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(signature);
        assertThat(WebhookSignature.sign(WebhookSignature.newSecret(), "id-1", 100L, body)).isNotEqualTo(signature);
    }

    @Test
    void secretsAreWhsecAndThirtyTwoRandomBytes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String secret = WebhookSignature.newSecret();
            assertThat(secret).startsWith("whsec_");
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            assertThat(key).hasSizeBetween(24, 32);
            assertThat(seen.add(secret)).as("secrets never repeat").isTrue();
        }
    }
}
