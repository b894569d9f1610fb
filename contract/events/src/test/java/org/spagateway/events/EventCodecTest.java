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
                InferenceLane.NEW_STUDY, STUDY_UID + ".1", "CT", List.of(EventFixtures.instance(1)),
                EventFixtures.PSEUDONYM);
        StudyNotRouted notRouted = new StudyNotRouted(STUDY_UID, 1, NotRoutedReason.NO_MATCHING_RULE,
                "no rule matches modality MR", List.of("MR"), List.of("1.2.840.10008.5.1.4.1.1.4"));

        assertThat(codec.validate(codec.encode(EventFixtures.studyReceivedEvent()), EventType.STUDY_RECEIVED)).isEmpty();
        assertThat(codec.validate(codec.encode(EventEnvelope.of(EventType.INFERENCE_REQUESTED, "/t", STUDY_UID, "c",
                T0, request)), EventType.INFERENCE_REQUESTED)).isEmpty();
        assertThat(codec.validate(codec.encode(EventEnvelope.of(EventType.STUDY_NOT_ROUTED, "/t", STUDY_UID, "c",
                T0, notRouted)), EventType.STUDY_NOT_ROUTED)).isEmpty();
    }

    @Test
    void candidatesReadyRoundTripsWithAndWithoutAProfileVersion() {
        for (Integer profileVersion : java.util.Arrays.asList(3, null)) {
            EventEnvelope<CandidatesReady> event = EventEnvelope.of(EventType.CANDIDATES_READY, "/t", "session-7f3a",
                    "c", T0, EventFixtures.candidatesReady(profileVersion));
            String json = codec.encode(event);

            assertThat(codec.validate(json, EventType.CANDIDATES_READY)).isEmpty();
            assertThat(codec.<CandidatesReady>decode(json, EventType.CANDIDATES_READY)).isEqualTo(event);
            assertThat(json.contains("profileVersion")).isEqualTo(profileVersion != null);
        }
    }

    @Test
    void segmentationExportedEncodesToSchemaValidJson() {
        SegmentationExported exported = new SegmentationExported("session-7f3a", "req-1", 1, STUDY_UID, "2.25.11",
                "2.25.12", "1.2.840.10008.5.1.4.1.1.66.4", "pacs", "ORTHANC", "SPA_GATEWAY", 2,
                ExportOutcome.STORED, 0, EventFixtures.PSEUDONYM);

        assertThat(codec.validate(codec.encode(EventEnvelope.of(EventType.SEGMENTATION_EXPORTED, "/t",
                "session-7f3a", "c", T0, exported)), EventType.SEGMENTATION_EXPORTED)).isEmpty();
    }

    @Test
    void rejectsCandidatesOutOfRankOrder() {
        CandidatesReady valid = EventFixtures.candidatesReady(null);
        List<CandidateSummary> swapped = List.of(valid.candidates().get(1), valid.candidates().get(0));

        assertThatThrownBy(() -> new CandidatesReady(valid.sessionId(), valid.requestId(), 1,
                valid.studyInstanceUid(), valid.task(), valid.model(), null, 48, valid.segmentation(),
                valid.sourceSeriesInstanceUid(), valid.sources(), valid.recommended(), swapped, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank order");
    }

    @Test
    void rejectsACandidatesReadyWithDiceOutsideZeroToOne() {
        String json = codec.encode(EventEnvelope.of(EventType.CANDIDATES_READY, "/t", "session-7f3a", "c", T0,
                EventFixtures.candidatesReady(1))).replace("[1.0,0.8]", "[1.0,1.8]");

        assertThat(codec.validate(json, EventType.CANDIDATES_READY)).anyMatch(m -> m.contains("pairwiseDice"));
    }

    @Test
    void acceptsOnlyAPseudonymOfSixtyFourHexDigits() {
        String json = codec.encode(EventFixtures.studyReceivedEvent());

        assertThat(json).contains("\"patientPseudonym\":\"" + EventFixtures.PSEUDONYM + "\"");
        assertThat(codec.validate(json.replace(EventFixtures.PSEUDONYM, "PAT-1"), EventType.STUDY_RECEIVED))
                .anyMatch(m -> m.contains("patientPseudonym"));
    }

    @Test
    void carriesTheInstanceDigestAndStillAcceptsEventsWithoutOne() {
        String json = codec.encode(EventFixtures.studyReceivedEvent());
        String withoutDigest = json.replace(",\"sha256\":\"" + EventFixtures.SHA_256 + "\"", "");

        assertThat(json).contains("\"sha256\":\"" + EventFixtures.SHA_256 + "\"");
        assertThat(withoutDigest).doesNotContain("sha256");
        EventEnvelope<StudyReceived> old = codec.decode(withoutDigest, EventType.STUDY_RECEIVED);
        assertThat(old.data().series().get(0).instances()).allSatisfy(i -> assertThat(i.sha256()).isNull());
    }

    @Test
    void rejectsADigestThatIsNotSixtyFourLowerCaseHexDigits() {
        String json = codec.encode(EventFixtures.studyReceivedEvent());

        assertThat(codec.validate(json.replace(EventFixtures.SHA_256, EventFixtures.SHA_256.toUpperCase()),
                EventType.STUDY_RECEIVED)).anyMatch(m -> m.contains("sha256"));
        assertThat(codec.validate(json.replace(EventFixtures.SHA_256, "abc"), EventType.STUDY_RECEIVED))
                .anyMatch(m -> m.contains("sha256"));
        assertThatThrownBy(() -> new InstanceReference("1.2", "1.2", "1.2", "file:///x", 1, "ABC"))
                .isInstanceOf(IllegalArgumentException.class);
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
