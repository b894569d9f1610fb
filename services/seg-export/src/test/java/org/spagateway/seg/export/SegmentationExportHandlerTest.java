package org.spagateway.seg.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.ExportOutcome;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.SegmentationExported;
import org.spagateway.events.SessionApproved;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.DependencyUnavailable;
import org.spagateway.kafka.support.OutboundRecord;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.kafka.support.TraceParent;
import org.spagateway.dicom.sender.StoreFailure;
import org.spagateway.dicom.sender.StoreOutcome;
import org.spagateway.retry.Jitter;
import org.spagateway.test.harness.ExampleEvents;

class SegmentationExportHandlerTest {

    private static final String STUDY = "2.25.1001";
    private static final EventCodec CODEC = new EventCodec();
    private static final StoreOutcome REFUSED = StoreOutcome.failed(StoreFailure.CONNECTION_REFUSED, "refused");

    private final List<Duration> pauses = new ArrayList<>();
    private final ScriptedStoreClient client = new ScriptedStoreClient();
    private final ExportConfig config = ExportConfig.from(ConfigSource.of(Map.of(
            "spa.export.destinations", "pacs,archive",
            "spa.export.destination.pacs.ae-title", "ORTHANC",
            "spa.export.destination.pacs.host", "127.0.0.1",
            "spa.export.destination.pacs.port", "4242",
            "spa.export.destination.archive.ae-title", "VNA",
            "spa.export.destination.archive.host", "127.0.0.1",
            "spa.export.destination.archive.port", "4243",
            "spa.export.retry.max-attempts", "4",
            "spa.export.retry.initial-delay", "1s")));
    private final EventEnvelope<CandidatesReady> event = ExampleEvents.event(ExampleEvents.candidatesReady(
            "session-1", STUDY, "2.25.1002", "2.25.1003", Path.of("/var/lib/spa/seg/2.25.1003.dcm"), 1000,
            new InstanceReference("2.25.1004.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                    "file:///var/lib/spa/dicom/1.dcm", 10)));

    private static final byte[] SEG = "DICM a round's SEG as the worker stored it".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FINAL_SEG = "DICM an approved SEG".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path work;
    private SessionLedger ledger;
    private SegmentationExportHandler handler;

    @BeforeEach
    void storeTheSegs() throws Exception {
        ledger = SessionLedgerConfig.embedded(work.resolve("ledger")).ledger();
        ledger.artifacts().saveSegmentation("2.25.1003", "session-1", 1, SEG);
        ledger.artifacts().saveSegmentation("2.25.2003", "session-1", 3, FINAL_SEG);
        handler = handler(ledger);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    private SegmentationExportHandler handler(SessionLedger segs) throws Exception {
        return new SegmentationExportHandler(CODEC, config, client, segs.artifacts(),
                Files.createDirectories(work.resolve("staging")), pauses::add, Jitter.NONE,
                Clock.fixed(ExampleEvents.T0, ZoneOffset.UTC));
    }

    @Test
    void sendsTheSegBytesFromTheLedgerNotTheEventsLocationAndDeletesItsStagedCopy() throws Exception {
        client.answer("pacs", REFUSED, StoreOutcome.ofStatus(0)).answer("archive", StoreOutcome.ofStatus(0));

        handler.handle(ExampleEvents.bytes(event), "session-1", "spa.candidates.ready");

        assertThat(Path.of(java.net.URI.create(event.data().segmentation().location()))).doesNotExist();
        assertThat(client.sent).hasSize(3).allSatisfy(bytes -> assertThat(bytes).isEqualTo(SEG));
        assertThat(client.files).allMatch(file -> file.getParent().equals(work.resolve("staging")));
        try (Stream<Path> staged = Files.list(work.resolve("staging"))) {
            assertThat(staged).as("the staged copy is deleted after the delivery").isEmpty();
        }
    }

    @Test
    void aLedgerThatCannotBeReachedIsWaitedForNotDeadLettered() throws Exception {
        Path notAFolder = Files.writeString(work.resolve("not-a-folder"), "x");
        try (SessionLedger down = SessionLedgerConfig.embedded(notAFolder)
                .withConnectionTimeout(Duration.ofMillis(250)).ledger()) {
            SegmentationExportHandler waiting = handler(down);

            assertThatThrownBy(() -> waiting.handle(ExampleEvents.bytes(event), "session-1",
                    "spa.candidates.ready")).isInstanceOf(SegmentationUnavailableException.class)
                    .isInstanceOf(DependencyUnavailable.class).hasMessageContaining("session ledger");
        }
        assertThat(client.calls).isEmpty();
    }

    @Test
    void aSegTheLedgerDoesNotHoldIsDeadLetteredForEachDestinationWithoutASend() throws Exception {
        EventEnvelope<CandidatesReady> unknown = ExampleEvents.event(ExampleEvents.candidatesReady(
                "session-1", STUDY, "2.25.1002", "2.25.9999", Path.of("/var/lib/spa/seg/2.25.9999.dcm"), 1000,
                new InstanceReference("2.25.1004.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                        "file:///var/lib/spa/dicom/1.dcm", 10)));
        byte[] value = ExampleEvents.bytes(unknown);

        List<OutboundRecord> records = handler.handle(value, "session-1", "spa.candidates.ready");

        assertThat(records).extracting(OutboundRecord::topic).containsOnly(Topic.DEAD_LETTER.name());
        assertThat(records).extracting(r -> r.headers().get(DeadLetterHeaders.REASON_CODE))
                .containsOnly(SegmentationExportHandler.SEG_NOT_STORED);
        assertThat(records).extracting(r -> r.headers().get(DeadLetterHeaders.DESTINATION))
                .containsExactly("pacs", "archive");
        assertThat(records).extracting(OutboundRecord::value).containsOnly(value);
        assertThat(records.get(0).headers().get(DeadLetterHeaders.REASON)).doesNotContain("2.25.9999");
        assertThat(client.calls).isEmpty();
        assertThat(pauses).isEmpty();
    }

    @Test
    void publishesOneExportedEventPerDestinationThatStoredTheSeg() throws Exception {
        client.answer("pacs", StoreOutcome.ofStatus(0)).answer("archive", StoreOutcome.ofStatus(0xB000));

        List<OutboundRecord> records = handler.handle(ExampleEvents.bytes(event), "session-1", "spa.candidates.ready");

        assertThat(records).extracting(OutboundRecord::topic).containsOnly(Topic.SEGMENTATION_EXPORTED.name());
        List<SegmentationExported> exported = records.stream().map(this::exported).toList();
        assertThat(exported).extracting(SegmentationExported::destination).containsExactly("pacs", "archive");
        assertThat(exported).extracting(SegmentationExported::outcome)
                .containsExactly(ExportOutcome.STORED, ExportOutcome.STORED_WITH_WARNING);
        assertThat(exported.get(0).sopInstanceUid()).isEqualTo("2.25.1003");
        assertThat(exported.get(0).attempts()).isEqualTo(1);
        assertThat(records).extracting(OutboundRecord::key).containsOnly("session-1");
        assertThat(pauses).isEmpty();
    }

    @Test
    void retriesOnlyTheFailingDestinationWithBackoffUntilItStores() throws Exception {
        client.answer("pacs", REFUSED, REFUSED, StoreOutcome.ofStatus(0)).answer("archive", StoreOutcome.ofStatus(0));

        List<OutboundRecord> records = handler.handle(ExampleEvents.bytes(event), "session-1", "spa.candidates.ready");

        assertThat(client.calls).containsExactly("pacs", "archive", "pacs", "pacs");
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(records.stream().map(this::exported)).extracting(SegmentationExported::destination,
                SegmentationExported::attempts).containsExactly(
                org.assertj.core.groups.Tuple.tuple("archive", 1), org.assertj.core.groups.Tuple.tuple("pacs", 3));
    }

    @Test
    void deadLettersADestinationThatStillAnswersWithAFailureStatusAfterTheLastAttempt() throws Exception {
        client.answer("pacs", StoreOutcome.ofStatus(0xA700)).answer("archive", StoreOutcome.ofStatus(0));
        byte[] value = ExampleEvents.bytes(event);

        List<OutboundRecord> records = handler.handle(value, "session-1", "spa.candidates.ready");

        assertThat(client.calls).containsExactly("pacs", "archive", "pacs", "pacs", "pacs");
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        OutboundRecord dead = records.stream().filter(r -> r.topic().equals(Topic.DEAD_LETTER.name()))
                .findFirst().orElseThrow();
        assertThat(dead.value()).isEqualTo(value);
        assertThat(dead.key()).isEqualTo("session-1");
        assertThat(dead.headers()).containsEntry(DeadLetterHeaders.REASON_CODE, SegmentationExportHandler.EXPORT_FAILED)
                .containsEntry(DeadLetterHeaders.DESTINATION, "pacs")
                .containsEntry(DeadLetterHeaders.ATTEMPTS, "4")
                .containsEntry(DeadLetterHeaders.SOURCE_TOPIC, "spa.candidates.ready")
                .containsEntry(DeadLetterHeaders.COMPONENT, "routes/seg-export");
        assertThat(dead.headers().get(DeadLetterHeaders.REASON)).contains("A700");
        assertThat(records).hasSize(2);
    }

    @Test
    void aDestinationThatCannotBeReachedAtTheLastAttemptIsWaitedForNotDeadLettered() {
        client.answer("pacs", REFUSED).answer("archive", StoreOutcome.ofStatus(0));

        assertThatThrownBy(() -> handler.handle(ExampleEvents.bytes(event), "session-1", "spa.candidates.ready"))
                .isInstanceOf(DestinationUnavailableException.class)
                .hasMessageContaining("pacs").hasMessageContaining("refused");

        assertThat(client.calls).containsExactly("pacs", "archive", "pacs", "pacs", "pacs");
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void deadLettersAPermanentRejectionAtOnceWithoutRetrying() throws Exception {
        client.answer("pacs", StoreOutcome.ofStatus(0x0122)).answer("archive", StoreOutcome.failed(
                StoreFailure.ASSOCIATION_REJECTED_PERMANENT, "calling AE Title not recognized"));

        List<OutboundRecord> records = handler.handle(ExampleEvents.bytes(event), "session-1", "spa.candidates.ready");

        assertThat(client.calls).containsExactly("pacs", "archive");
        assertThat(pauses).isEmpty();
        assertThat(records).extracting(r -> r.headers().get(DeadLetterHeaders.REASON_CODE))
                .containsOnly(SegmentationExportHandler.EXPORT_REJECTED);
        assertThat(records).extracting(r -> r.headers().get(DeadLetterHeaders.DESTINATION))
                .containsExactly("pacs", "archive");
        assertThat(records).extracting(r -> r.headers().get(DeadLetterHeaders.ATTEMPTS)).containsOnly("1");
    }

    @Test
    void givesARedeliveredEventTheSameExportedEventIds() throws Exception {
        client.answer("pacs", StoreOutcome.ofStatus(0)).answer("archive", StoreOutcome.ofStatus(0));

        List<OutboundRecord> first = handler.handle(ExampleEvents.bytes(event), "session-1", "spa.candidates.ready");
        List<OutboundRecord> again = handler.handle(ExampleEvents.bytes(event), "session-1", "spa.candidates.ready");

        assertThat(again.stream().map(r -> eventId(r)).toList())
                .isEqualTo(first.stream().map(r -> eventId(r)).toList());
    }

    @Test
    void exportsTheFinalSegOfAnApprovedSessionWithTheApprovedRound() throws Exception {
        client.answer("pacs", StoreOutcome.ofStatus(0)).answer("archive", StoreOutcome.ofStatus(0));
        EventEnvelope<SessionApproved> approved = ExampleEvents.approvedEvent(ExampleEvents.sessionApproved(
                "session-1", 3, STUDY, "2.25.2002", "2.25.2003", Path.of("/var/lib/spa/seg/2.25.2003.dcm"), 800,
                new InstanceReference("2.25.1004.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                        "file:///var/lib/spa/dicom/1.dcm", 10)));

        List<OutboundRecord> records = handler.handle(ExampleEvents.bytes(approved), "session-1",
                Topic.SESSION_APPROVED.name());

        assertThat(client.calls).containsExactly("pacs", "archive");
        assertThat(client.sent).allSatisfy(bytes -> assertThat(bytes).isEqualTo(FINAL_SEG));
        assertThat(records.stream().map(this::exported)).allSatisfy(exported -> {
            assertThat(exported.round()).isEqualTo(3);
            assertThat(exported.sopInstanceUid()).isEqualTo("2.25.2003");
            assertThat(exported.seriesInstanceUid()).isEqualTo("2.25.2002");
            assertThat(exported.sessionId()).isEqualTo("session-1");
        });
        assertThat(records.stream().map(this::eventId).toList()).doesNotContainAnyElementsOf(
                handler.handle(ExampleEvents.bytes(event), "session-1", Topic.CANDIDATES_READY.name()).stream()
                        .map(this::eventId).toList());
    }

    @Test
    void sendsEachAttemptWithTheTraceparentOfTheSourceEventsTrace() throws Exception {
        client.answer("pacs", REFUSED, StoreOutcome.ofStatus(0)).answer("archive", StoreOutcome.ofStatus(0));

        handler.handle(ExampleEvents.bytes(event), "session-1", "spa.candidates.ready");

        String trace = TraceParent.traceId(event.correlationId());
        assertThat(client.traceparents).hasSize(3)
                .allSatisfy(traceparent -> assertThat(TraceParent.traceIdOf(traceparent)).contains(trace))
                .doesNotHaveDuplicates();
    }

    @Test
    void deadLettersACandidatesReadyOnTheApprovalTopicAsTheWrongType() throws Exception {
        List<OutboundRecord> records = handler.handle(ExampleEvents.bytes(event), "session-1",
                Topic.SESSION_APPROVED.name());

        assertThat(records).singleElement().satisfies(r -> assertThat(r.headers())
                .containsEntry(DeadLetterHeaders.REASON_CODE, "UNEXPECTED_TYPE")
                .containsEntry(DeadLetterHeaders.SOURCE_TOPIC, Topic.SESSION_APPROVED.name()));
        assertThat(client.calls).isEmpty();
    }

    @Test
    void deadLettersAnUnreadableRecordWithItsReasonCodeAndNoStore() throws Exception {
        List<OutboundRecord> records = handler.handle("{\"nope\"".getBytes(StandardCharsets.UTF_8), "k",
                "spa.candidates.ready");

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo(Topic.DEAD_LETTER.name());
            assertThat(r.headers()).containsEntry(DeadLetterHeaders.REASON_CODE, "MALFORMED_JSON");
        });
        assertThat(client.calls).isEmpty();
    }

    private SegmentationExported exported(OutboundRecord record) {
        return CODEC.<SegmentationExported>decode(new String(record.value(), StandardCharsets.UTF_8),
                EventType.SEGMENTATION_EXPORTED).data();
    }

    private String eventId(OutboundRecord record) {
        return CODEC.decode(new String(record.value(), StandardCharsets.UTF_8), EventType.SEGMENTATION_EXPORTED)
                .eventId();
    }
}
