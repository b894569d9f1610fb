package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    /** A valid secret for tests: whsec_ and the base64 of 32 bytes. */
    static final String SECRET = "whsec_dGVzdC1vbmx5LXNlY3JldC0wMTIzNDU2Nzg5YWJjZGVm";
    static final String OTHER_SECRET = "whsec_YW5vdGhlci10ZXN0LXNlY3JldC0wMTIzNDU2Nzg5YWI=";

    @Test
    void signsTheStandardWebhooksTestVector() {
        byte[] key = java.util.Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.sign(List.of(key), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signsWithEverySecretWhileOneIsRotated() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String both = WebhookSignature.sign(List.of(WebhookSignature.key(SECRET), WebhookSignature.key(OTHER_SECRET)),
                "evt-1", 1_800_000_000L, body);

        assertThat(both.split(" ")).hasSize(2).allSatisfy(signature -> assertThat(signature).startsWith("v1,"));
        assertThat(both).startsWith(WebhookSignature.sign(List.of(WebhookSignature.key(SECRET)), "evt-1",
                1_800_000_000L, body));
    }

    @Test
    void theIdTheTimeAndTheBodyAreAllSigned() {
        List<byte[]> keys = List.of(WebhookSignature.key(SECRET));
        byte[] body = "{\"round\":1}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(keys, "evt-1", 1_800_000_000L, body);

        assertThat(WebhookSignature.sign(keys, "evt-2", 1_800_000_000L, body)).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign(keys, "evt-1", 1_800_000_001L, body)).isNotEqualTo(signature);
        assertThat(WebhookSignature.sign(keys, "evt-1", 1_800_000_000L, "{\"round\":2}".getBytes(
                StandardCharsets.UTF_8))).isNotEqualTo(signature);
    }

    @Test
    void refusesSecretsThatAreNotBase64OrTooShortWithoutRepeatingThem() {
        assertThatThrownBy(() -> WebhookSignature.key("not base64 at all!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whsec_").hasMessageNotContaining("at all");
        assertThatThrownBy(() -> WebhookSignature.key("whsec_c2hvcnQ=")).hasMessageContaining("5 bytes");
    }
}
