package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsWithHmacSha256AsRfc4231TestCase2() {
        String signature = WebhookSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aChangedBodyGetsADifferentSignature() {
        byte[] body = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] changed = "{\"id\":\"2\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.sign("0123456789abcdef", body))
                .isNotEqualTo(WebhookSignature.sign("0123456789abcdef", changed));
    }
}
