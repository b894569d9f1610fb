package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spagateway.reporting.api.WebhookVerifier.Failure;
import org.spagateway.reporting.api.WebhookVerifier.VerificationException;

/** A receiver's checks of a delivery, as docs/choices.md tells reporting systems to make them. */
class WebhookVerifierTest {

    private static final long SENT = 1_800_000_000L;
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final byte[] BODY = "{\"id\":\"evt-1\",\"type\":\"org.spagateway.candidates.ready\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsASignedDeliveryOnceAndCallsItsRepeatARepeat() throws Exception {
        WebhookVerifier receiver = receiverAt(SENT + 2, WebhookSignatureTest.SECRET);
        String signature = sign("evt-1", SENT, BODY, WebhookSignatureTest.SECRET);

        assertThat(receiver.verify("evt-1", Long.toString(SENT), signature, BODY)).isTrue();
        assertThat(receiver.verify("evt-1", Long.toString(SENT), signature, BODY))
                .as("a captured delivery replayed inside the tolerance").isFalse();
    }

    @Test
    void refusesADeliveryReplayedAfterTheTolerance() {
        WebhookVerifier receiver = receiverAt(SENT + TOLERANCE.toSeconds() + 1, WebhookSignatureTest.SECRET);
        String signature = sign("evt-1", SENT, BODY, WebhookSignatureTest.SECRET);

        assertThatThrownBy(() -> receiver.verify("evt-1", Long.toString(SENT), signature, BODY))
                .isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).failure()).isEqualTo(Failure.STALE_TIMESTAMP));
    }

    @Test
    void refusesATamperedBodyAMovedTimestampAndAnotherSecret() {
        WebhookVerifier receiver = receiverAt(SENT, WebhookSignatureTest.SECRET);
        String signature = sign("evt-1", SENT, BODY, WebhookSignatureTest.SECRET);
        byte[] tampered = "{\"id\":\"evt-1\",\"type\":\"org.spagateway.session.approved\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertFailure(() -> receiver.verify("evt-1", Long.toString(SENT), signature, tampered), Failure.BAD_SIGNATURE);
        assertFailure(() -> receiver.verify("evt-1", Long.toString(SENT + 1), signature, BODY), Failure.BAD_SIGNATURE);
        assertFailure(() -> receiver.verify("evt-1", Long.toString(SENT),
                sign("evt-1", SENT, BODY, WebhookSignatureTest.OTHER_SECRET), BODY), Failure.BAD_SIGNATURE);
        assertFailure(() -> receiver.verify("evt-1", Long.toString(SENT), null, BODY), Failure.MISSING_HEADER);
    }

    @Test
    void keepsAcceptingWhileTheSecretIsRotated() throws Exception {
        WebhookVerifier oldReceiver = receiverAt(SENT, WebhookSignatureTest.SECRET);
        WebhookVerifier newReceiver = receiverAt(SENT, WebhookSignatureTest.OTHER_SECRET);
        String both = WebhookSignature.sign(List.of(WebhookSignature.key(WebhookSignatureTest.SECRET),
                WebhookSignature.key(WebhookSignatureTest.OTHER_SECRET)), "evt-1", SENT, BODY);

        assertThat(oldReceiver.verify("evt-1", Long.toString(SENT), both, BODY)).isTrue();
        assertThat(newReceiver.verify("evt-1", Long.toString(SENT), both, BODY)).isTrue();
    }

    private static WebhookVerifier receiverAt(long epochSecond, String secret) {
        return new WebhookVerifier(List.of(secret), TOLERANCE,
                Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private static String sign(String id, long timestamp, byte[] body, String secret) {
        return WebhookSignature.sign(List.of(WebhookSignature.key(secret)), id, timestamp, body);
    }

    private static void assertFailure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Failure failure) {
        assertThatThrownBy(call).isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).failure()).isEqualTo(failure));
    }
}
