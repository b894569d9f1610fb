package org.spagateway.events;

import java.time.Duration;
import java.util.List;

/**
 * The Kafka topics of the event backbone, with what a deployment needs to create them explicitly
 * (auto-creation is off in the embedded broker and should be off in production).
 *
 * @param name        topic name
 * @param key         what the record key is
 * @param eventTypes  event types published on it
 * @param partitions  default partition count
 * @param retention   default retention
 * @param compacted   whether cleanup.policy=compact
 */
public record Topic(String name, String key, List<EventType> eventTypes, int partitions, Duration retention,
                    boolean compacted) {

    /** Retention that never deletes (Kafka {@code retention.ms=-1}). */
    public static final Duration FOREVER = Duration.ofMillis(-1);

    public static final Topic STUDY_RECEIVED = new Topic("spa.study.received", "StudyInstanceUID",
            List.of(EventType.STUDY_RECEIVED), 3, Duration.ofDays(7), false);
    public static final Topic INFERENCE_REQUESTED = new Topic("spa.inference.requested", "StudyInstanceUID",
            List.of(EventType.INFERENCE_REQUESTED), 3, Duration.ofDays(7), false);
    /** Next-round requests of a clinician waiting on the result: workers serve them before new-study requests. */
    public static final Topic INFERENCE_INTERACTIVE = new Topic("spa.inference.interactive", "StudyInstanceUID",
            List.of(EventType.INFERENCE_REQUESTED), 3, Duration.ofDays(7), false);
    public static final Topic STUDY_NOT_ROUTED = new Topic("spa.study.not-routed", "StudyInstanceUID",
            List.of(EventType.STUDY_NOT_ROUTED), 1, Duration.ofDays(30), false);
    public static final Topic CANDIDATES_READY = new Topic("spa.candidates.ready", "session id",
            List.of(EventType.CANDIDATES_READY), 3, Duration.ofDays(7), false);
    public static final Topic SEGMENTATION_EXPORTED = new Topic("spa.segmentation.exported", "session id",
            List.of(EventType.SEGMENTATION_EXPORTED), 3, Duration.ofDays(30), false);
    /** Choices as reporting systems submit them over Kafka (the HTTP endpoint is the other way in). */
    public static final Topic CHOICE_MADE = new Topic("spa.choice.made", "session id",
            List.of(EventType.CHOICE_MADE), 3, Duration.ofDays(7), false);
    /** The choice log: every applied choice, kept forever, so preference profiles can be rebuilt from it. */
    public static final Topic CHOICE_APPLIED = new Topic("spa.choice.applied", "clinician id",
            List.of(EventType.CHOICE_APPLIED), 3, FOREVER, false);
    public static final Topic SESSION_APPROVED = new Topic("spa.session.approved", "session id",
            List.of(EventType.SESSION_APPROVED), 3, Duration.ofDays(30), false);
    /** Every profile version, kept forever: workers read the latest per (clinician, task) from it. */
    public static final Topic PROFILE_UPDATED = new Topic("spa.profile.updated", "clinician id",
            List.of(EventType.PROFILE_UPDATED), 3, FOREVER, false);
    /** Reads and queries of session records through the gateway's APIs, for the FHIR access audit. */
    public static final Topic AUDIT_ACCESS = new Topic("spa.audit.access", "session id",
            List.of(EventType.RECORDS_ACCESSED), 1, Duration.ofDays(30), false);
    /** Records that could not be processed, with the original value and a reason code in the headers. */
    public static final Topic DEAD_LETTER = new Topic("spa.dead-letter", "the original record key",
            List.of(), 1, Duration.ofDays(30), false);

    public Topic {
        eventTypes = List.copyOf(eventTypes);
    }

    public static List<Topic> all() {
        return List.of(STUDY_RECEIVED, INFERENCE_REQUESTED, INFERENCE_INTERACTIVE, STUDY_NOT_ROUTED, CANDIDATES_READY,
                SEGMENTATION_EXPORTED, CHOICE_MADE, CHOICE_APPLIED, SESSION_APPROVED, PROFILE_UPDATED, AUDIT_ACCESS, DEAD_LETTER);
    }
}
