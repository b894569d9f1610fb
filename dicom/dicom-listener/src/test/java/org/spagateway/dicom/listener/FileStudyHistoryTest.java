package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.CompletionReason;
import org.spagateway.events.StudyReceived;

class FileStudyHistoryTest {

    private static final String OP_8_BIT = "1.2.840.10008.5.1.4.1.1.77.1.5.1";
    private static final String STUDY = "1.2.5";
    private static final String SERIES = "1.2.5.1";

    @TempDir
    Path root;
    private final MutableClock clock = new MutableClock(Instant.now());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<CompletedStudy> completed = new ArrayList<>();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void completesASingleInstanceStudyByRuleWhenTheHistoryComesFromDisk() throws IOException {
        StudyCompletenessTracker tracker = tracker();

        tracker.instanceStored(store("1.2.5.1.1", (byte) 1));

        assertThat(completed).singleElement()
                .satisfies(study -> assertThat(study.reason()).isEqualTo(CompletionReason.EXPECTED_COUNT_RULE));
    }

    @Test
    void continuesVersionNumbersAcrossARestart() throws IOException {
        tracker().instanceStored(store("1.2.5.1.1", (byte) 1));

        StudyCompletenessTracker afterRestart = tracker();
        clock.advance(Duration.ofMinutes(1));
        afterRestart.instanceStored(store("1.2.5.1.2", (byte) 2));
        clock.advance(Duration.ofSeconds(30));
        afterRestart.completeDueStudies();

        assertThat(completed).extracting(CompletedStudy::version).containsExactly(1, 2);
        assertThat(completed.get(1).instances()).hasSize(2);
        assertThat(completed.get(1).addedInstanceCount()).isEqualTo(1);
    }

    @Test
    void aVersionWrittenToTheOutboxButNotRecordedBeforeAStopIsNotNumberedAgain() throws IOException {
        StoredInstance first = store("1.2.5.1.1", (byte) 1);
        // The run wrote version 1's event to the outbox and stopped before recording the version: at the next
        // start the outbox hands the event to the history.
        CompletedStudy announced = new CompletedStudy(STUDY, 1, CompletionReason.EXPECTED_COUNT_RULE, List.of(first),
                java.util.Set.of(first.sopInstanceUid()), "FUNDUS_CAMERA", first.receivedAt(), first.receivedAt());
        StudyReceived event = new StudyReceivedFactory("SPA_GATEWAY").toEvent(announced, clock.instant()).data();
        FileStudyHistory history = new FileStudyHistory(root, TestDatasets.headerReader());
        history.catchUp(event);
        history.catchUp(event);

        assertThat(history.studiesWithUnannouncedInstances()).isEmpty();
        StudyCompletenessTracker afterRestart = tracker();
        clock.advance(Duration.ofMinutes(1));
        afterRestart.instanceStored(store("1.2.5.1.2", (byte) 2));
        clock.advance(Duration.ofSeconds(30));
        afterRestart.completeDueStudies();

        assertThat(completed).singleElement().satisfies(study -> {
            assertThat(study.version()).isEqualTo(2);
            assertThat(study.addedInstanceCount()).isEqualTo(1);
        });
    }

    @Test
    void recoversInstancesStoredButNeverAnnounced() throws IOException {
        store("1.2.5.1.1", (byte) 1);
        store("1.2.5.1.2", (byte) 2);
        FileStudyHistory history = new FileStudyHistory(root, TestDatasets.headerReader());
        assertThat(history.studiesWithUnannouncedInstances()).containsExactly(STUDY);

        StudyCompletenessTracker tracker = tracker();
        tracker.recover(STUDY);
        clock.advance(Duration.ofMinutes(1));
        tracker.completeDueStudies();

        assertThat(completed).singleElement().satisfies(study -> {
            assertThat(study.version()).isEqualTo(1);
            assertThat(study.instances()).hasSize(2);
        });
        assertThat(history.studiesWithUnannouncedInstances()).isEmpty();
    }

    @Test
    void instancesReadBackFromDiskCarryTheDigestOfTheirFile() throws Exception {
        StoredInstance first = store("1.2.5.1.1", (byte) 1);
        tracker().instanceStored(first);
        StoredInstance unannounced = store("1.2.5.1.2", (byte) 2);

        StudyHistory.Previous previous = new FileStudyHistory(root, TestDatasets.headerReader()).load(STUDY);

        assertThat(previous.announced()).singleElement().satisfies(i -> {
            assertThat(i.sha256()).isEqualTo(first.sha256());
            assertThat(i.sha256()).isEqualTo(InstanceStoreTest.sha256sum(i.location()));
        });
        assertThat(previous.unannounced()).singleElement().satisfies(i -> {
            assertThat(i.sha256()).isEqualTo(unannounced.sha256());
            assertThat(i.sha256()).isEqualTo(InstanceStoreTest.sha256sum(i.location()));
        });
    }

    @Test
    void anInstanceReplacedAfterItsVersionWasRecordedIsHashedAgainWhenReadBack() throws Exception {
        tracker().instanceStored(store("1.2.5.1.1", (byte) 1));
        StoredInstance replaced = store("1.2.5.1.1", (byte) 7);

        StudyHistory.Previous previous = new FileStudyHistory(root, TestDatasets.headerReader()).load(STUDY);

        assertThat(previous.announced()).singleElement()
                .satisfies(i -> assertThat(i.sha256()).isEqualTo(replaced.sha256())
                        .isEqualTo(InstanceStoreTest.sha256sum(i.location())));
    }

    private StudyCompletenessTracker tracker() {
        return new StudyCompletenessTracker(new CompletenessConfig(Duration.ofSeconds(30), Map.of(), Map.of("OP", 1)),
                new FileStudyHistory(root, TestDatasets.headerReader()), clock, scheduler, completed::add,
                new LogPrivacy(false));
    }

    private StoredInstance store(String sop, byte fill) throws IOException {
        InstanceStore store = new InstanceStore(root, PartFileOpener.DURABLE, true, TestDatasets.headerReader(), clock,
                true);
        store.open();
        InstanceReception reception = store.receive(OP_8_BIT, sop, TestDatasets.EXPLICIT_LE, "FUNDUS_CAMERA");
        reception.write(TestDatasets.datasetWithoutStudySize(OP_8_BIT, sop, STUDY, SERIES, "OP", fill));
        return reception.complete().instance().orElseThrow();
    }
}
