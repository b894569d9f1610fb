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
    /** Records that could not be processed, with the original value and a reason code in the headers. */
    public static final Topic DEAD_LETTER = new Topic("spa.dead-letter", "the original record key",
            List.of(), 1, Duration.ofDays(30), false);

    public Topic {
        eventTypes = List.copyOf(eventTypes);
    }

    public static List<Topic> all() {
        return List.of(STUDY_RECEIVED, INFERENCE_REQUESTED, INFERENCE_INTERACTIVE, STUDY_NOT_ROUTED, CANDIDATES_READY,
                SEGMENTATION_EXPORTED, DEAD_LETTER);
    }
}
