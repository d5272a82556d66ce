package io.oasis.common.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oasis.common.signature.SignedRequests.Request;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What a signature covers and when it is good; that a good one is used once is {@link UsedSignaturesTest}. */
class SignedRequestsTest {

    private static final String WEBHOOK = "/api/v1/integrations/crm/webhook";
    private static final byte[] BODY = "{\"customerId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_700_000_100), ZoneOffset.UTC);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final SignedRequests CRM = new SignedRequests("the CRM", "X-Ts", "X-Sig", "secret",
            TOLERANCE, NOW, null);

    @Test
    void theSignatureIsTheHexHmacSha256OfTimestampMethodPathAndBodyOnLinesOfTheirOwn() {
        // Computed independently:
        // printf '1700000000\nPOST\n/api/v1/integrations/crm/webhook\n{"customerId":"x"}' | openssl dgst -sha256 -hmac secret
        assertThat(SignedRequests.sign("secret", "1700000000", "POST", WEBHOOK, BODY))
                .isEqualTo("sha256=30e18ce1638f99bdfe1e4c2c8ab101524800a4fb9d2ad2e89bdb8c0ea3b016c2");
        // No body signs an empty last line.
        assertThat(SignedRequests.sign("secret", "1700000000", "POST",
                "/api/v1/orders/3f2b8c1e-7d4a-4e21-9c55-0a1b2c3d4e5f/shipment", null))
                .isEqualTo("sha256=5de8f572d649528e751c77448431b5ac56181f7eea867d30848e4844d17ed282");
    }

    @Test
    void aFreshCorrectSignatureIsGoodAndItsHexCaseDoesNotMakeItAnother() {
        String signature = SignedRequests.sign("secret", "1700000000", "POST", WEBHOOK, BODY);

        SignedRequests.Verified verified = CRM.verify(new Request("POST", WEBHOOK, "1700000000", signature, BODY));
        SignedRequests.Verified shouted = CRM.verify(new Request("POST", WEBHOOK, " 1700000000 ",
                signature.toUpperCase(Locale.ROOT), BODY));

        assertThat(verified.signature()).isEqualTo(signature.substring(SignedRequests.SCHEME.length()));
        // One record of use for both spellings, so changing the case does not make a copy new.
        assertThat(shouted.signature()).isEqualTo(verified.signature());
        assertThat(verified.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000).plus(TOLERANCE)
                .plus(SignedRequests.CLOCK_SKEW_MARGIN));
    }

    @Test
    void aSignatureIsGoodForItsOwnMethodPathAndBodyOnly() {
        String shipmentOfA = "/api/v1/orders/3f2b8c1e-7d4a-4e21-9c55-0a1b2c3d4e5f/shipment";
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        String signature = SignedRequests.sign("secret", "1700000000", "POST", shipmentOfA, empty);

        assertRefused(new Request("POST", "/api/v1/orders/0b7e2f4d-1c3a-4f5e-8d9c-7a6b5c4d3e2f/shipment",
                "1700000000", signature, empty));
        assertRefused(new Request("POST", "/api/v1/orders/3f2b8c1e-7d4a-4e21-9c55-0a1b2c3d4e5f/delivery",
                "1700000000", signature, empty));
        assertRefused(new Request("PUT", shipmentOfA, "1700000000", signature, empty));
        assertRefused(new Request("POST", shipmentOfA, "1700000000", signature, "{ }".getBytes(StandardCharsets.UTF_8)));
        assertRefused(new Request("POST", shipmentOfA, "1700000001", signature, empty));
    }

    @Test
    void anythingElseIsRefused() {
        String signature = SignedRequests.sign("secret", "1700000000", "POST", WEBHOOK, BODY);

        assertRefused(new Request("POST", WEBHOOK, "1700000000",
                SignedRequests.sign("other", "1700000000", "POST", WEBHOOK, BODY), BODY));
        assertRefused(new Request("POST", WEBHOOK, "1700000000", signature.substring(SignedRequests.SCHEME.length()), BODY));
        assertRefused(new Request("POST", WEBHOOK, "1700000000", "sha256=not-hex", BODY));
        assertRefused(new Request("POST", WEBHOOK, "1700000000", null, BODY), "Sign the request");
        assertRefused(new Request("POST", WEBHOOK, null, signature, BODY), "Sign the request");
        assertRefused(new Request("POST", WEBHOOK, "yesterday", signature, BODY), "seconds since the epoch");
    }

    @Test
    void aCorrectSignatureFromOutsideTheToleranceIsAReplay() {
        String old = "1699999000";

        assertThatThrownBy(() -> CRM.verify(new Request("POST", WEBHOOK, old,
                SignedRequests.sign("secret", old, "POST", WEBHOOK, BODY), BODY)))
                .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("replay");
    }

    @Test
    void withoutASecretEveryRequestIsRefused() {
        SignedRequests unconfigured = new SignedRequests("the CRM", "X-Ts", "X-Sig", " ", TOLERANCE, NOW, null);

        assertThat(unconfigured.isConfigured()).isFalse();
        assertThatThrownBy(() -> unconfigured.verify(new Request("POST", WEBHOOK, "1700000000",
                SignedRequests.sign(" ", "1700000000", "POST", WEBHOOK, BODY), BODY)))
                .isInstanceOf(InvalidSignatureException.class).hasMessageContaining("No shared secret");
    }

    private static void assertRefused(Request request) {
        assertRefused(request, "does not match");
    }

    private static void assertRefused(Request request, String because) {
        assertThatThrownBy(() -> CRM.verify(request)).isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining(because);
    }
}
