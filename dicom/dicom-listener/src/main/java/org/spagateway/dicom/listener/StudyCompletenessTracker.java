package org.spagateway.dicom.listener;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.CompletionReason;

/**
 * Decides when a study is complete. DICOM has no "end of study" message (a C-STORE association may carry part of a
 * study, or several), so two signals are used:
 * <ul>
 *   <li>an expected count, reached the moment the instance that makes the study's stored count equal to it arrives:
 *       NumberOfStudyRelatedInstances (0020,1208, PS3.3 C.7.2.2) declared by the instance; else ImagesInAcquisition
 *       (0020,1002, PS3.3 C.7.6.1) when the study has a single series; else a configured per-modality rule. A count
 *       already passed (more instances than declared) is ignored: the declaration was wrong, so the quiet period
 *       decides;</li>
 *   <li>otherwise a quiet period with no new instance (per calling AE if configured).</li>
 * </ul>
 * Each completion is a version; instances arriving later form a new batch that completes into the next version,
 * listing every instance stored so far. Nothing is dropped. Thread-safe, with a lock per study (striped), so the
 * I/O of one study (its history, its announcement) never holds up the associations storing another; time comes
 * from the injected clock, and the scheduler only wakes the tracker up when a quiet period may have ended.
 */
final class StudyCompletenessTracker {

    /** How a completed version is announced, around the history's record of it. */
    @FunctionalInterface
    interface Announcer {
        /** Makes the version's announcement durable, or throws (the version stays pending and is tried again). */
        void prepare(CompletedStudy completed);

        /** The version is recorded in the history: its announcement may go out. */
        default void release(CompletedStudy completed) {
        }

        /** The version could not be recorded after it was prepared: forget it (it is prepared again later). */
        default void abandon(CompletedStudy completed) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(StudyCompletenessTracker.class);
    /** Wait before a version that could not be announced is tried again. */
    static final Duration ANNOUNCE_RETRY = Duration.ofSeconds(5);
    /** Locks the studies are spread over. */
    static final int LOCK_STRIPES = 64;

    private final CompletenessConfig config;
    private final StudyHistory history;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Announcer announcer;
    private final LogPrivacy privacy;
    /** The studies with a batch not yet announced; each guarded by its study's lock ({@link #lockOf}). */
    private final Map<String, PendingStudy> pending = new ConcurrentHashMap<>();
    /**
     * One lock per study, striped: a study's instances, its history (read when an instance arrives for a study not
     * pending: every stored header is read again) and its announcement are handled under it, so only the studies
     * of one stripe ever wait for that I/O, never every association of the listener.
     */
    private final StripedLocks locks = new StripedLocks(LOCK_STRIPES);

    StudyCompletenessTracker(CompletenessConfig config, StudyHistory history, Clock clock,
                             ScheduledExecutorService scheduler, Announcer announcer,
                             LogPrivacy privacy) {
        this.config = config;
        this.history = history;
        this.clock = clock;
        this.scheduler = scheduler;
        this.announcer = announcer;
        this.privacy = privacy;
    }

    /** A new or replaced instance was stored. */
    void instanceStored(StoredInstance instance) {
        String uid = instance.studyInstanceUid();
        synchronized (lockOf(uid)) {
            PendingStudy study = pending.get(uid);
            if (study == null) {
                study = new PendingStudy(uid, history.load(uid), instance.sopInstanceUid());
                pending.put(uid, study);
            }
            int before = study.instanceCount();
            study.add(instance);
            boolean grew = study.instanceCount() > before;
            Optional<CompletionReason> byCount = grew ? expectedCountReached(study, instance) : Optional.empty();
            if (byCount.isPresent()) {
                complete(uid, study, byCount.get());
            } else {
                scheduleWakeUp(study);
            }
        }
    }

    /** Picks up instances stored before a restart that no version announced yet. */
    void recover(String studyInstanceUid) {
        synchronized (lockOf(studyInstanceUid)) {
            if (pending.containsKey(studyInstanceUid)) {
                return;
            }
            PendingStudy study = new PendingStudy(studyInstanceUid, history.load(studyInstanceUid), null);
            if (study.hasBatch()) {
                pending.put(studyInstanceUid, study);
                scheduleWakeUp(study);
            }
        }
    }

    /** Completes every study whose quiet period has passed, each under its own lock. */
    void completeDueStudies() {
        for (String uid : List.copyOf(pending.keySet())) {
            synchronized (lockOf(uid)) {
                PendingStudy study = pending.get(uid);
                if (study != null && !clock.instant().isBefore(study.lastReceivedAt()
                        .plus(config.quietPeriodFor(study.callingAeTitle())))) {
                    complete(uid, study, CompletionReason.QUIET_PERIOD);
                }
            }
        }
    }

    int pendingStudyCount() {
        return pending.size();
    }

    void cancelWakeUps() {
        for (String uid : List.copyOf(pending.keySet())) {
            synchronized (lockOf(uid)) {
                PendingStudy study = pending.get(uid);
                if (study != null) {
                    study.cancelWakeUp();
                }
            }
        }
    }

    private Object lockOf(String studyInstanceUid) {
        return locks.of(studyInstanceUid);
    }


    private Optional<CompletionReason> expectedCountReached(PendingStudy study, StoredInstance latest) {
        if (latest.numberOfStudyRelatedInstances().isPresent()) {
            return study.instanceCount() == latest.numberOfStudyRelatedInstances().getAsInt()
                    ? Optional.of(CompletionReason.EXPECTED_COUNT) : Optional.empty();
        }
        if (latest.imagesInAcquisition().isPresent() && study.seriesCount() == 1) {
            return study.seriesInstanceCount(latest.seriesInstanceUid()) == latest.imagesInAcquisition().getAsInt()
                    ? Optional.of(CompletionReason.EXPECTED_COUNT) : Optional.empty();
        }
        return config.expectedCountFor(latest.modality())
                .filter(expected -> study.instanceCount() == expected)
                .map(expected -> CompletionReason.EXPECTED_COUNT_RULE);
    }

    private void scheduleWakeUp(PendingStudy study) {
        Duration quiet = config.quietPeriodFor(study.callingAeTitle());
        Duration untilDue = Duration.between(clock.instant(), study.lastReceivedAt().plus(quiet));
        long delayMillis = Math.max(0, untilDue.toMillis()) + 1;
        try {
            study.replaceWakeUp(scheduler.schedule(this::completeDueStudies, delayMillis, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            LOG.debug("Listener is stopping; the study's unannounced instances are recovered at the next start");
        }
    }

    /**
     * Announces the version in three steps: the announcer makes it durable ({@link Announcer#prepare}), the history
     * records it, the announcer releases it. A version that could not be prepared or recorded (a full or failing
     * disk) stays pending, with its instances, and is announced again after {@link #ANNOUNCE_RETRY}, with the same
     * event id; its instances are on disk and acknowledged, so nothing is lost while the disk recovers, and a restart
     * recovers them too.
     */
    private void complete(String uid, PendingStudy study, CompletionReason reason) {
        pending.remove(uid);
        CompletedStudy completed = study.complete(reason);
        try {
            announcer.prepare(completed);
            history.recordCompleted(completed);
        } catch (RuntimeException e) {
            announcer.abandon(completed);
            LOG.error("Cannot announce version {} of study {} ({}); trying again in {}", completed.version(),
                    privacy.uid(uid), e.toString(), ANNOUNCE_RETRY);
            pending.put(uid, study);
            try {
                study.replaceWakeUp(scheduler.schedule(this::completeDueStudies, ANNOUNCE_RETRY.toMillis(),
                        TimeUnit.MILLISECONDS));
            } catch (RejectedExecutionException stopping) {
                LOG.debug("Listener is stopping; the study's unannounced instances are recovered at the next start");
            }
            return;
        }
        announcer.release(completed);
        LOG.info("Study {} complete: version {}, {} instance(s), {} new, reason {}", privacy.uid(uid),
                completed.version(), completed.instances().size(), completed.addedInstanceCount(), reason);
    }
}
