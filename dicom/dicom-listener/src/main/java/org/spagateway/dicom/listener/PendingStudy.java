package org.spagateway.dicom.listener;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.spagateway.events.CompletionReason;

/** A study with instances not yet announced: everything stored so far, and the current batch. */
final class PendingStudy {

    private final String studyInstanceUid;
    private final int previousVersion;
    private final Map<String, StoredInstance> instances = new LinkedHashMap<>();
    private final Set<String> batch = new LinkedHashSet<>();
    private Instant firstReceivedAt;
    private Instant lastReceivedAt;
    private String callingAeTitle;
    private ScheduledFuture<?> wakeUp;

    /**
     * @param arriving the SOP Instance UID being added now: already on disk, so the history may list it as
     *                 unannounced; it is left out here so that it counts as arriving
     */
    PendingStudy(String studyInstanceUid, StudyHistory.Previous previous, String arriving) {
        this.studyInstanceUid = studyInstanceUid;
        this.previousVersion = previous.version();
        previous.announced().forEach(instance -> instances.put(instance.sopInstanceUid(), instance));
        previous.unannounced().stream().filter(i -> !i.sopInstanceUid().equals(arriving)).forEach(this::add);
    }

    void add(StoredInstance instance) {
        instances.put(instance.sopInstanceUid(), instance);
        batch.add(instance.sopInstanceUid());
        if (firstReceivedAt == null || instance.receivedAt().isBefore(firstReceivedAt)) {
            firstReceivedAt = instance.receivedAt();
        }
        if (lastReceivedAt == null || instance.receivedAt().isAfter(lastReceivedAt)) {
            lastReceivedAt = instance.receivedAt();
        }
        callingAeTitle = instance.callingAeTitle();
    }

    boolean hasBatch() {
        return !batch.isEmpty();
    }

    int instanceCount() {
        return instances.size();
    }

    long seriesCount() {
        return instances.values().stream().map(StoredInstance::seriesInstanceUid).distinct().count();
    }

    long seriesInstanceCount(String seriesInstanceUid) {
        return instances.values().stream().filter(i -> i.seriesInstanceUid().equals(seriesInstanceUid)).count();
    }

    Instant lastReceivedAt() {
        return lastReceivedAt;
    }

    String callingAeTitle() {
        return callingAeTitle;
    }

    void replaceWakeUp(ScheduledFuture<?> next) {
        cancelWakeUp();
        wakeUp = next;
    }

    void cancelWakeUp() {
        if (wakeUp != null) {
            wakeUp.cancel(false);
            wakeUp = null;
        }
    }

    CompletedStudy complete(CompletionReason reason) {
        cancelWakeUp();
        return new CompletedStudy(studyInstanceUid, previousVersion + 1, reason, new ArrayList<>(instances.values()),
                batch, callingAeTitle, firstReceivedAt, lastReceivedAt);
    }
}
