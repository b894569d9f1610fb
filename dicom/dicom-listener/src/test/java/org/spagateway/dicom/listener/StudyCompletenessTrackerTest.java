package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spagateway.events.CompletionReason;

class StudyCompletenessTrackerTest {

    private static final Duration QUIET = Duration.ofSeconds(30);
    private static final String STUDY = "1.2.3";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T08:00:00Z"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<CompletedStudy> completed = new ArrayList<>();
    private final StudyCompletenessTracker tracker = tracker(
            new CompletenessConfig(QUIET, Map.of("SLOW_PACS", Duration.ofMinutes(5)), Map.of("OP", 1)));

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void completesAStudyAfterTheQuietPeriod() {
        tracker.instanceStored(instance("1", "CT", OptionalInt.empty(), "MODALITY"));
        clock.advance(Duration.ofSeconds(10));
        tracker.instanceStored(instance("2", "CT", OptionalInt.empty(), "MODALITY"));

        clock.advance(Duration.ofSeconds(29));
        tracker.completeDueStudies();
        assertThat(completed).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        tracker.completeDueStudies();
        assertThat(completed).singleElement().satisfies(study -> {
            assertThat(study.version()).isEqualTo(1);
            assertThat(study.reason()).isEqualTo(CompletionReason.QUIET_PERIOD);
            assertThat(study.instances()).hasSize(2);
            assertThat(study.addedInstanceCount()).isEqualTo(2);
            assertThat(study.lastReceivedAt()).isEqualTo(Instant.parse("2025-01-01T08:00:10Z"));
        });
        assertThat(tracker.pendingStudyCount()).isZero();
    }

    @Test
    void usesTheQuietPeriodOfTheCallingAe() {
        tracker.instanceStored(instance("1", "CT", OptionalInt.empty(), "SLOW_PACS"));
        clock.advance(Duration.ofMinutes(4));
        tracker.completeDueStudies();
        assertThat(completed).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        tracker.completeDueStudies();
        assertThat(completed).hasSize(1);
    }

    @Test
    void completesTheMomentTheDeclaredStudySizeIsReached() {
        tracker.instanceStored(instance("1", "CT", OptionalInt.of(3), "MODALITY"));
        tracker.instanceStored(instance("2", "CT", OptionalInt.of(3), "MODALITY"));
        assertThat(completed).isEmpty();

        tracker.instanceStored(instance("3", "CT", OptionalInt.of(3), "MODALITY"));

        assertThat(completed).singleElement().satisfies(study -> {
            assertThat(study.reason()).isEqualTo(CompletionReason.EXPECTED_COUNT);
            assertThat(study.instances()).hasSize(3);
        });
    }

    @Test
    void completesByConfiguredModalityRule() {
        tracker.instanceStored(instance("1", "OP", OptionalInt.empty(), "FUNDUS_CAMERA"));

        assertThat(completed).singleElement()
                .satisfies(study -> assertThat(study.reason()).isEqualTo(CompletionReason.EXPECTED_COUNT_RULE));
    }

    @Test
    void turnsALateInstanceIntoVersionTwoListingEverything() {
        tracker.instanceStored(instance("1", "CT", OptionalInt.of(2), "MODALITY"));
        tracker.instanceStored(instance("2", "CT", OptionalInt.of(2), "MODALITY"));
        assertThat(completed).hasSize(1);

        clock.advance(Duration.ofMinutes(10));
        tracker.instanceStored(instance("3", "CT", OptionalInt.of(2), "MODALITY"));
        tracker.completeDueStudies();
        assertThat(completed).hasSize(1);

        clock.advance(QUIET);
        tracker.completeDueStudies();
        assertThat(completed).hasSize(2);
        CompletedStudy second = completed.get(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.reason()).isEqualTo(CompletionReason.QUIET_PERIOD);
        assertThat(second.instances()).extracting(StoredInstance::sopInstanceUid)
                .containsExactly(STUDY + ".1.1", STUDY + ".1.2", STUDY + ".1.3");
        assertThat(second.addedInstanceCount()).isEqualTo(1);
    }

    @Test
    void aReplacedInstanceYieldsANewVersionWithoutGrowingTheStudy() {
        tracker.instanceStored(instance("1", "OP", OptionalInt.empty(), "FUNDUS_CAMERA"));
        clock.advance(Duration.ofMinutes(1));
        tracker.instanceStored(instance("1", "OP", OptionalInt.empty(), "FUNDUS_CAMERA"));
        clock.advance(QUIET);
        tracker.completeDueStudies();

        assertThat(completed).extracting(CompletedStudy::version).containsExactly(1, 2);
        assertThat(completed.get(1).instances()).hasSize(1);
    }

    @Test
    void aVersionThatCannotBeAnnouncedStaysPendingAndIsAnnouncedWhenTheDiskIsBack() {
        List<String> steps = new ArrayList<>();
        boolean[] diskFull = {true};
        StudyCompletenessTracker.Announcer announcer = new StudyCompletenessTracker.Announcer() {
            @Override
            public void prepare(CompletedStudy study) {
                if (diskFull[0]) {
                    throw new UncheckedIOException(new IOException("No space left on device"));
                }
                steps.add("prepared v" + study.version());
            }

            @Override
            public void release(CompletedStudy study) {
                steps.add("released v" + study.version());
                completed.add(study);
            }
        };
        StudyCompletenessTracker failing = new StudyCompletenessTracker(
                new CompletenessConfig(QUIET, Map.of(), Map.of()), StudyHistory.inMemory(), clock, scheduler,
                announcer, new LogPrivacy(false));
        failing.instanceStored(instance("1", "CT", OptionalInt.empty(), "MODALITY"));
        clock.advance(QUIET);

        failing.completeDueStudies();
        assertThat(completed).isEmpty();
        assertThat(failing.pendingStudyCount()).isEqualTo(1);

        diskFull[0] = false;
        clock.advance(StudyCompletenessTracker.ANNOUNCE_RETRY);
        failing.completeDueStudies();

        assertThat(steps).containsExactly("prepared v1", "released v1");
        assertThat(completed).singleElement().satisfies(study -> assertThat(study.instances()).hasSize(1));
        assertThat(failing.pendingStudyCount()).isZero();
    }

    @Test
    void aStudyWhoseHistoryIsSlowToReadNeverHoldsUpAnotherStudy() throws Exception {
        String slowStudy = "1.2.3";
        String otherStudy = otherStripeThan(slowStudy);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StudyHistory inMemory = StudyHistory.inMemory();
        StudyHistory slow = new StudyHistory() {
            @Override
            public Previous load(String studyInstanceUid) {
                if (studyInstanceUid.equals(slowStudy)) {
                    reading.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return inMemory.load(studyInstanceUid);
            }

            @Override
            public void recordCompleted(CompletedStudy study) {
                inMemory.recordCompleted(study);
            }
        };
        List<CompletedStudy> seen = new CopyOnWriteArrayList<>();
        StudyCompletenessTracker shared = new StudyCompletenessTracker(
                new CompletenessConfig(QUIET, Map.of(), Map.of("OP", 1)), slow, clock, scheduler, seen::add,
                new LogPrivacy(false));
        Thread association = new Thread(() -> shared.instanceStored(TestDatasets.instance(slowStudy,
                slowStudy + ".1", slowStudy + ".1.1", "CT", clock.instant(), OptionalInt.empty(), "MODALITY")));
        association.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> reading.getCount() == 0);
            CompletableFuture<Void> other = CompletableFuture.runAsync(
                    () -> shared.instanceStored(TestDatasets.instance(otherStudy, otherStudy + ".1",
                            otherStudy + ".1.1", "OP", clock.instant(), OptionalInt.empty(), "MODALITY")));

            other.get(10, TimeUnit.SECONDS);
            assertThat(seen).singleElement()
                    .satisfies(study -> assertThat(study.studyInstanceUid()).isEqualTo(otherStudy));
        } finally {
            release.countDown();
            association.join(10_000);
        }
    }

    /** A study UID whose lock is not the one of {@code uid}. */
    private static String otherStripeThan(String uid) {
        for (int i = 4; ; i++) {
            String candidate = "1.2." + i;
            if (Math.floorMod(candidate.hashCode(), StudyCompletenessTracker.LOCK_STRIPES)
                    != Math.floorMod(uid.hashCode(), StudyCompletenessTracker.LOCK_STRIPES)) {
                return candidate;
            }
        }
    }

    @Test
    void wakesItselfUpWhenTheQuietPeriodEnds() {
        ScheduledExecutorService realTime = Executors.newSingleThreadScheduledExecutor();
        try {
            List<CompletedStudy> seen = new CopyOnWriteArrayList<>();
            StudyCompletenessTracker quick = new StudyCompletenessTracker(
                    new CompletenessConfig(Duration.ofMillis(50), Map.of(), Map.of()), StudyHistory.inMemory(),
                    Clock.systemUTC(), realTime, seen::add, new LogPrivacy(false));
            quick.instanceStored(TestDatasets.instance(STUDY, STUDY + ".1", STUDY + ".1.1", "CT", Instant.now(),
                    OptionalInt.empty(), "MODALITY"));
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
        } finally {
            realTime.shutdownNow();
        }
    }

    private StudyCompletenessTracker tracker(CompletenessConfig config) {
        return new StudyCompletenessTracker(config, StudyHistory.inMemory(), clock, scheduler, completed::add,
                new LogPrivacy(false));
    }

    private StoredInstance instance(String number, String modality, OptionalInt declared, String callingAe) {
        return TestDatasets.instance(STUDY, STUDY + ".1", STUDY + ".1." + number, modality, clock.instant(),
                declared, callingAe);
    }
}
