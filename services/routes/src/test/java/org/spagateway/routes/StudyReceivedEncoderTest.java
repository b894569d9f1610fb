package org.spagateway.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spagateway.events.CompletionReason;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.StudyReceived;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.OutboundRecord;

class StudyReceivedEncoderTest {

    private final EventCodec codec = new EventCodec();
    private final StudyReceivedEncoder encoder = new StudyReceivedEncoder(codec);

    @Test
    void keysTheRecordByStudyInstanceUidOnTheStudyReceivedTopic() {
        String studyUid = StudyFixtures.newStudyUid();
        EventEnvelope<StudyReceived> event = StudyFixtures.event(StudyFixtures.ctChest(studyUid));

        OutboundRecord record = encoder.toRecord(event);

        assertThat(record.topic()).isEqualTo(Topic.STUDY_RECEIVED.name());
        assertThat(record.key()).isEqualTo(studyUid);
        assertThat(codec.decode(new String(record.value(), StandardCharsets.UTF_8), EventType.STUDY_RECEIVED))
                .isEqualTo(event);
    }

    @Test
    void refusesAnEventThatBreaksItsSchemaAsPermanent() {
        String studyUid = StudyFixtures.newStudyUid();
        StudyReceived noSeries = new StudyReceived(studyUid, 1, "ORTHANC", "SPA_GATEWAY", List.of("CT"), 1, 1, 1,
                CompletionReason.QUIET_PERIOD, StudyFixtures.T0, StudyFixtures.T0, List.of());

        assertThatThrownBy(() -> encoder.toRecord(StudyFixtures.event(noSeries)))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidEventException.Reason.SCHEMA_INVALID));
    }

    @Test
    void refusesAnEventWhoseSubjectIsNotItsStudy() {
        StudyReceived study = StudyFixtures.ctChest(StudyFixtures.newStudyUid());
        EventEnvelope<StudyReceived> event = EventEnvelope.of(EventType.STUDY_RECEIVED, "/spa-gateway/dicom-listener",
                "2.25.999", "corr", StudyFixtures.T0, study);

        assertThatThrownBy(() -> encoder.toRecord(event)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("subject");
    }
}
