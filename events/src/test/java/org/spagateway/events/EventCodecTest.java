package org.spagateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spagateway.events.EventFixtures.STUDY_UID;
import static org.spagateway.events.EventFixtures.T0;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void studyReceivedRoundTripsThroughJson() {
        EventEnvelope<StudyReceived> event = EventFixtures.studyReceivedEvent();

        EventEnvelope<StudyReceived> decoded = codec.decode(codec.encode(event), EventType.STUDY_RECEIVED);

        assertThat(decoded).isEqualTo(event);
    }

    @Test
    void encodesAsStructuredCloudEvent() {
        String json = codec.encode(EventFixtures.studyReceivedEvent());

        assertThat(json).contains("\"specversion\":\"1.0\"", "\"type\":\"org.spagateway.study.received\"",
                "\"correlationid\":\"corr-1\"", "\"schemaversion\":1", "\"time\":\"2026-11-27T10:15:30.123Z\"",
                "\"subject\":\"" + STUDY_UID + "\"");
    }

    @Test
    void everyEventTypeEncodesToSchemaValidJson() {
        InferenceRequested request = new InferenceRequested("req-1", STUDY_UID, 1, "ct-lung-nodule", "ct-chest",
                InferenceLane.NEW_STUDY, STUDY_UID + ".1", "CT", List.of(EventFixtures.instance(1)));
        StudyNotRouted notRouted = new StudyNotRouted(STUDY_UID, 1, NotRoutedReason.NO_MATCHING_RULE,
                "no rule matches modality MR", List.of("MR"), List.of("1.2.840.10008.5.1.4.1.1.4"));

        assertThat(codec.validate(codec.encode(EventFixtures.studyReceivedEvent()), EventType.STUDY_RECEIVED)).isEmpty();
        assertThat(codec.validate(codec.encode(EventEnvelope.of(EventType.INFERENCE_REQUESTED, "/t", STUDY_UID, "c",
                T0, request)), EventType.INFERENCE_REQUESTED)).isEmpty();
        assertThat(codec.validate(codec.encode(EventEnvelope.of(EventType.STUDY_NOT_ROUTED, "/t", STUDY_UID, "c",
                T0, notRouted)), EventType.STUDY_NOT_ROUTED)).isEmpty();
    }

    @Test
    void rejectsMalformedJsonWithReasonCode() {
        assertThatThrownBy(() -> codec.decode("{not json", EventType.STUDY_RECEIVED))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidEventException.Reason.MALFORMED_JSON));
    }

    @Test
    void rejectsEventOfAnotherType() {
        String json = codec.encode(EventFixtures.studyReceivedEvent());

        assertThatThrownBy(() -> codec.decode(json, EventType.INFERENCE_REQUESTED))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidEventException.Reason.UNEXPECTED_TYPE));
    }

    @Test
    void rejectsInvalidUidAgainstSchema() {
        String json = codec.encode(EventFixtures.studyReceivedEvent()).replace(STUDY_UID + "\",\"version\"",
                "1.2.03\",\"version\"");

        assertThatThrownBy(() -> codec.decode(json, EventType.STUDY_RECEIVED))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidEventException.Reason.SCHEMA_INVALID))
                .hasMessageContaining("studyInstanceUid");
    }

    @Test
    void rejectsPayloadWithUnknownField() {
        String json = codec.encode(EventFixtures.studyReceivedEvent())
                .replace("\"version\":1,", "\"version\":1,\"patientName\":\"DOE^JANE\",");

        assertThat(codec.validate(json, EventType.STUDY_RECEIVED)).isNotEmpty();
    }

    @Test
    void rejectsEnvelopeWithoutCorrelationId() {
        String json = codec.encode(EventFixtures.studyReceivedEvent()).replace("\"correlationid\":\"corr-1\",", "");

        assertThat(codec.validate(json, EventType.STUDY_RECEIVED)).anyMatch(m -> m.contains("correlationid"));
    }

    @Test
    void everyTopicHasAUniqueName() {
        assertThat(Topic.all()).extracting(Topic::name).doesNotHaveDuplicates()
                .allMatch(name -> name.startsWith("spa."));
    }
}
