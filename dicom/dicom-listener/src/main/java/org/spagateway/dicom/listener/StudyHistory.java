package org.spagateway.dicom.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the listener announced about a study before: the last version and the instances it listed. The tracker
 * forgets a study once it completes; a later instance reloads it from here, so versions continue (2, 3...) and
 * every version lists all instances stored so far, also across restarts with {@link FileStudyHistory}.
 */
interface StudyHistory {

    /**
     * @param version      last announced version, 0 when never announced
     * @param announced    instances listed by that version
     * @param unannounced  instances on disk that no version listed yet (stored before a crash or shutdown)
     */
    record Previous(int version, List<StoredInstance> announced, List<StoredInstance> unannounced) {
        static final Previous NONE = new Previous(0, List.of(), List.of());
    }

    Previous load(String studyInstanceUid);

    void recordCompleted(CompletedStudy study);

    /** History kept in memory only (tests, and deployments that accept version numbers restarting at 1). */
    static StudyHistory inMemory() {
        Map<String, CompletedStudy> completed = new ConcurrentHashMap<>();
        return new StudyHistory() {
            @Override
            public synchronized Previous load(String studyInstanceUid) {
                CompletedStudy last = completed.get(studyInstanceUid);
                return last == null ? Previous.NONE
                        : new Previous(last.version(), new ArrayList<>(last.instances()), List.of());
            }

            @Override
            public synchronized void recordCompleted(CompletedStudy study) {
                completed.put(study.studyInstanceUid(), study);
            }
        };
    }
}
