package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.OutboundRecord;
import org.spagateway.sessions.ChoiceValidator;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.sessions.SessionRecord;
import org.spagateway.kafka.support.EventPublishException;
import org.spagateway.test.harness.TestIdentityProvider;

class ChoiceTopicHandlerTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final String TOPIC = Topic.CHOICE_MADE.name();
    private static final TestIdentityProvider IDP = TestIdentityProvider.create("topic");

    @TempDir
    Path root;

    private final RecordingPublisher publisher = new RecordingPublisher();
    private SessionLedger ledger;
    private ChoiceTopicHandler handler;
    private SessionRecord session;

    @BeforeEach
    void openSession() throws IOException {
        ledger = SessionLedgerConfig.embedded(root).ledger();
        session = LedgerFixtures.open(ledger, "topic", LedgerFixtures.RIVERA, 1);
        handler = new ChoiceTopicHandler(CODEC, new ChoiceIngress(ledger, new ChoiceValidator(),
                new InteractiveRequestMapper(Clock.systemUTC()), publisher), CallerAuthenticator.anyone("test"));
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void anAcceptedChoiceLeavesNothingToDeadLetterAndHasPublishedItsRequest() throws IOException {
        byte[] value = CODEC.encodeBytes(LedgerFixtures.event(
                LedgerFixtures.candidate(session.sessionId(), 1, 1, LedgerFixtures.RIVERA)));

        assertThat(handler.handle(value, session.sessionId(), TOPIC, null)).isEmpty();
        assertThat(publisher.published).singleElement()
                .satisfies(p -> assertThat(p.topic()).isEqualTo(Topic.INFERENCE_INTERACTIVE));
    }

    @Test
    void aRefusedChoiceIsDeadLetteredUnchangedWithTheRejectionAsReasonCode() throws IOException {
        byte[] value = CODEC.encodeBytes(LedgerFixtures.event(
                LedgerFixtures.candidate(session.sessionId(), 2, 1, LedgerFixtures.RIVERA)));

        List<OutboundRecord> records = handler.handle(value, session.sessionId(), TOPIC, null);

        assertThat(records).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(Topic.DEAD_LETTER.name());
            assertThat(dead.key()).isEqualTo(session.sessionId());
            assertThat(dead.value()).isEqualTo(value);
            assertThat(dead.headers()).containsEntry(DeadLetterHeaders.REASON_CODE, "FUTURE_ROUND")
                    .containsEntry(DeadLetterHeaders.SOURCE_TOPIC, TOPIC)
                    .containsEntry(DeadLetterHeaders.COMPONENT, "routes/choice-topic");
        });
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void anUnreadableRecordIsDeadLetteredWithTheDecodeReason() throws IOException {
        List<OutboundRecord> records = handler.handle(null, null, TOPIC, null);

        assertThat(records).singleElement().satisfies(dead -> assertThat(dead.headers())
                .containsEntry(DeadLetterHeaders.REASON_CODE, "MALFORMED_JSON"));
    }

    @Test
    void aPublishFailureReachesTheRouteSoTheOffsetStaysUncommitted() throws IOException {
        byte[] value = CODEC.encodeBytes(LedgerFixtures.event(
                LedgerFixtures.candidate(session.sessionId(), 1, 1, LedgerFixtures.RIVERA)));
        publisher.failNext.set(1);

        assertThatThrownBy(() -> handler.handle(value, session.sessionId(), TOPIC, null))
                .isInstanceOf(EventPublishException.class);
        assertThat(ledger.find(session.sessionId()).orElseThrow().choices()).containsOnlyKeys(1);
    }

    @Test
    void inJwtModeARecordWithTheOwnersTokenIsAcceptedAndRecordedUnderTheVerifiedClinician() throws Exception {
        byte[] value = CODEC.encodeBytes(LedgerFixtures.event(
                LedgerFixtures.candidate(session.sessionId(), 1, 1, LedgerFixtures.RIVERA)));

        assertThat(verified().handle(value, session.sessionId(), TOPIC,
                bearer(IDP.clinician("dr-rivera")))).isEmpty();
        assertThat(ledger.find(session.sessionId()).orElseThrow().choices().get(1).clinician())
                .isEqualTo(LedgerFixtures.RIVERA);
    }

    @Test
    void inJwtModeARecordWithoutAValidTokenIsDeadLetteredUnauthenticatedWithoutTheToken() throws Exception {
        byte[] value = CODEC.encodeBytes(LedgerFixtures.event(
                LedgerFixtures.candidate(session.sessionId(), 1, 1, LedgerFixtures.RIVERA)));
        String forged = TestIdentityProvider.create("topic").clinician("dr-rivera");

        for (Object authorization : new Object[] {null, bearer(forged), "Bearer " + forged}) {
            assertThat(verified().handle(value, session.sessionId(), TOPIC, authorization)).singleElement()
                    .satisfies(dead -> {
                        assertThat(dead.headers()).containsEntry(DeadLetterHeaders.REASON_CODE, "UNAUTHENTICATED");
                        assertThat(dead.headers().keySet()).doesNotContain(ChoiceTopicHandler.AUTHORIZATION);
                        assertThat(dead.headers().values()).noneMatch(v -> v.contains(forged));
                        assertThat(dead.value()).isEqualTo(value);
                    });
        }
        assertThat(ledger.find(session.sessionId()).orElseThrow().choices()).isEmpty();
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void inJwtModeARecordNamingAnotherClinicianThanItsTokenIsDeadLetteredAsAMismatch() throws Exception {
        byte[] value = CODEC.encodeBytes(LedgerFixtures.event(
                LedgerFixtures.candidate(session.sessionId(), 1, 1, LedgerFixtures.RIVERA)));

        assertThat(verified().handle(value, session.sessionId(), TOPIC, bearer(IDP.clinician("dr-okafor"))))
                .singleElement().satisfies(dead -> assertThat(dead.headers())
                        .containsEntry(DeadLetterHeaders.REASON_CODE, "CLINICIAN_MISMATCH"));
    }

    private ChoiceTopicHandler verified() throws java.text.ParseException {
        BearerTokenVerifier verifier = new BearerTokenVerifier(ChoiceAuthConfig.from(
                ConfigSource.of(JwtGatewayConfig.of("jwks.json")), "127.0.0.1", true),
                new ImmutableJWKSet<>(JWKSet.parse(IDP.jwks())), Clock.systemUTC());
        return new ChoiceTopicHandler(CODEC, new ChoiceIngress(ledger, new ChoiceValidator(),
                new InteractiveRequestMapper(Clock.systemUTC()), publisher), verifier);
    }

    /** As the Kafka consumer hands a record header over: bytes. */
    private static byte[] bearer(String token) {
        return ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }
}
