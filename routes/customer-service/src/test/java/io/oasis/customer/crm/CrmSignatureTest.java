package io.oasis.customer.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CrmSignatureTest {

    private static final byte[] BODY = "{\"customerId\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void isTheHexHmacSha256OfTimestampDotBody() {
        // echo -n '1700000000.{"customerId":"x"}' | openssl dgst -sha256 -hmac secret
        assertThat(CrmSignature.sign("secret", "1700000000", BODY))
                .isEqualTo("sha256=9aca9d40d7c91ab52ce167cceb00f5dc0dd6dd2943967c4be0781e79e1b69aec");
    }

    @Test
    void matchesOnlyTheSameSecretTimestampAndBody() {
        String signature = CrmSignature.sign("secret", "1700000000", BODY);

        assertThat(CrmSignature.matches("secret", "1700000000", BODY, signature)).isTrue();
        assertThat(CrmSignature.matches("secret", "1700000000", BODY, signature.toUpperCase().replace("SHA256", "sha256"))).isTrue();
        assertThat(CrmSignature.matches("other", "1700000000", BODY, signature)).isFalse();
        assertThat(CrmSignature.matches("secret", "1700000001", BODY, signature)).isFalse();
        assertThat(CrmSignature.matches("secret", "1700000000", "{}".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(CrmSignature.matches("secret", "1700000000", BODY, signature.substring(7))).isFalse();
        assertThat(CrmSignature.matches("secret", "1700000000", BODY, "sha256=not-hex")).isFalse();
        assertThat(CrmSignature.matches("secret", "1700000000", BODY, null)).isFalse();
    }
}
