package org.spagateway.study.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.NotRoutedReason;
import org.spagateway.events.StudyNotRouted;
import org.spagateway.events.StudyReceived;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.OutboundRecord;

class StudyReceivedHandlerTest {

    private static final String TOPIC = Topic.STUDY_RECEIVED.name();
    private final EventCodec codec = new EventCodec();
    private final StudyReceivedHandler handler = new StudyReceivedHandler(codec,
            new TaskRouter(StudyFixtures.defaultRules()), Clock.fixed(StudyFixtures.T0, ZoneOffset.UTC));

    @Test
    void publishesAValidInferenceRequestKeyedByStudyWithTheSourceCorrelationId() {
        String studyUid = StudyFixtures.newStudyUid();
        EventEnvelope<StudyReceived> source = StudyFixtures.event(StudyFixtures.ctChest(studyUid));

        List<OutboundRecord> records = handler.handle(codec.encodeBytes(source), studyUid, TOPIC);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topic.INFERENCE_REQUESTED.name());
            assertThat(record.key()).isEqualTo(studyUid);
            EventEnvelope<InferenceRequested> event = codec.decode(json(record), EventType.INFERENCE_REQUESTED);
            assertThat(event.correlationId()).isEqualTo(source.correlationId());
            assertThat(event.subject()).isEqualTo(studyUid);
            assertThat(event.data().task()).isEqualTo("ct-lung-nodule");
        });
    }

    @Test
    void publishesAValidNotRoutedEventForAnUnroutableStudy() {
        String studyUid = StudyFixtures.newStudyUid();
        StudyReceived mr = StudyFixtures.study(studyUid,
                StudyFixtures.series(studyUid, 1, "MR", null, StudyFixtures.MR_IMAGE, 1));

        List<OutboundRecord> records = handler.handle(codec.encodeBytes(StudyFixtures.event(mr)), studyUid, TOPIC);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topic.STUDY_NOT_ROUTED.name());
            EventEnvelope<StudyNotRouted> event = codec.decode(json(record), EventType.STUDY_NOT_ROUTED);
            assertThat(event.data().reasonCode()).isEqualTo(NotRoutedReason.NO_MATCHING_RULE);
        });
    }

    @Test
    void derivesOutputEventIdsFromTheSourceEventSoRedeliveryRepeatsThem() {
        String studyUid = StudyFixtures.newStudyUid();
        byte[] value = codec.encodeBytes(StudyFixtures.event(StudyFixtures.ctChest(studyUid)));

        String first = codec.decode(json(handler.handle(value, studyUid, TOPIC).get(0)), EventType.INFERENCE_REQUESTED)
                .eventId();
        String again = codec.decode(json(handler.handle(value, studyUid, TOPIC).get(0)), EventType.INFERENCE_REQUESTED)
                .eventId();

        assertThat(again).isEqualTo(first);
    }

    @Test
    void deadLettersMalformedJsonKeepingTheOriginalKeyAndBytes() {
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);

        List<OutboundRecord> records = handler.handle(garbage, "some-key", TOPIC);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topic.DEAD_LETTER.name());
            assertThat(record.key()).isEqualTo("some-key");
            assertThat(record.value()).isEqualTo(garbage);
            assertThat(record.headers())
                    .containsEntry(DeadLetterHeaders.REASON_CODE, "MALFORMED_JSON")
                    .containsEntry(DeadLetterHeaders.SOURCE_TOPIC, TOPIC)
                    .containsEntry(DeadLetterHeaders.COMPONENT, "routes/inference-router")
                    .containsKey(DeadLetterHeaders.REASON);
        });
    }

    @Test
    void deadLettersAnEventOfAnotherTypeAndASchemaInvalidOne() {
        String otherType = "{\"specversion\":\"1.0\",\"type\":\"org.spagateway.study.not-routed\"}";
        String invalid = "{\"specversion\":\"1.0\",\"type\":\"org.spagateway.study.received\",\"id\":\"x\"}";

        assertThat(handler.handle(otherType.getBytes(StandardCharsets.UTF_8), null, TOPIC).get(0).headers())
                .containsEntry(DeadLetterHeaders.REASON_CODE, "UNEXPECTED_TYPE");
        assertThat(handler.handle(invalid.getBytes(StandardCharsets.UTF_8), null, TOPIC).get(0).headers())
                .containsEntry(DeadLetterHeaders.REASON_CODE, "SCHEMA_INVALID");
    }

    @Test
    void deadLettersATombstone() {
        assertThat(handler.handle(null, "k", TOPIC)).singleElement()
                .satisfies(record -> assertThat(record.headers())
                        .containsEntry(DeadLetterHeaders.REASON_CODE, "MALFORMED_JSON"));
    }

    @Test
    void deadLettersAValidEventTheRouterFailsOnInsteadOfBlockingThePartition() {
        StudyReceivedHandler failing = new StudyReceivedHandler(codec, new TaskRouter(null), Clock.systemUTC());
        String studyUid = StudyFixtures.newStudyUid();

        List<OutboundRecord> records = failing.handle(
                codec.encodeBytes(StudyFixtures.event(StudyFixtures.ctChest(studyUid))), studyUid, TOPIC);

        assertThat(records).singleElement().satisfies(record -> assertThat(record.headers())
                .containsEntry(DeadLetterHeaders.REASON_CODE, StudyReceivedHandler.ROUTING_FAILED));
    }

    private static String json(OutboundRecord record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }
}
