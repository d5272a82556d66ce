package io.oasis.common.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignedRequestsTest {

    private static final byte[] BODY = "{\"customerId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_700_000_100), ZoneOffset.UTC);
    private static final SignedRequests CRM = new SignedRequests("the CRM", "X-Ts", "X-Sig", "secret",
            Duration.ofMinutes(5), NOW);

    @Test
    void theSignatureIsTheHexHmacSha256OfTimestampDotBody() {
        // Computed independently: echo -n '1700000000.{"customerId":"x"}' | openssl dgst -sha256 -hmac secret
        assertThat(SignedRequests.sign("secret", "1700000000", BODY))
                .isEqualTo("sha256=9aca9d40d7c91ab52ce167cceb00f5dc0dd6dd2943967c4be0781e79e1b69aec");
    }

    @Test
    void aFreshCorrectSignatureIsAccepted() {
        String signature = SignedRequests.sign("secret", "1700000000", BODY);

        assertThatCode(() -> CRM.verify("1700000000", signature, BODY)).doesNotThrowAnyException();
        assertThatCode(() -> CRM.verify(" 1700000000 ", signature.toUpperCase().replace("SHA256", "sha256"), BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void anythingElseIsRefused() {
        String signature = SignedRequests.sign("secret", "1700000000", BODY);

        assertRefused(() -> CRM.verify("1700000000", SignedRequests.sign("other", "1700000000", BODY), BODY));
        assertRefused(() -> CRM.verify("1700000001", signature, BODY));
        assertRefused(() -> CRM.verify("1700000000", signature, "{}".getBytes(StandardCharsets.UTF_8)));
        assertRefused(() -> CRM.verify("1700000000", signature.substring(SignedRequests.SCHEME.length()), BODY));
        assertRefused(() -> CRM.verify("1700000000", "sha256=not-hex", BODY));
        assertRefused(() -> CRM.verify("1700000000", null, BODY));
        assertRefused(() -> CRM.verify(null, signature, BODY));
        assertRefused(() -> CRM.verify("yesterday", signature, BODY));
    }

    @Test
    void aCorrectSignatureFromOutsideTheToleranceIsAReplay() {
        String old = "1699999000";

        assertThatThrownBy(() -> CRM.verify(old, SignedRequests.sign("secret", old, BODY), BODY))
                .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("replay");
    }

    @Test
    void withoutASecretEveryRequestIsRefused() {
        SignedRequests unconfigured = new SignedRequests("the CRM", "X-Ts", "X-Sig", " ", Duration.ofMinutes(5), NOW);

        assertThat(unconfigured.isConfigured()).isFalse();
        assertRefused(() -> unconfigured.verify("1700000000", SignedRequests.sign(" ", "1700000000", BODY), BODY));
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(InvalidSignatureException.class);
    }
}
