package org.spagateway.events;

import java.util.Arrays;
import java.util.Optional;

/** Every event type: its CloudEvents {@code type}, its payload record and the JSON Schema that describes it. */
public enum EventType {
    STUDY_RECEIVED("org.spagateway.study.received", 1, StudyReceived.class, "study-received"),
    INFERENCE_REQUESTED("org.spagateway.inference.requested", 1, InferenceRequested.class, "inference-requested"),
    STUDY_NOT_ROUTED("org.spagateway.study.not-routed", 1, StudyNotRouted.class, "study-not-routed"),
    CANDIDATES_READY("org.spagateway.candidates.ready", 1, CandidatesReady.class, "candidates-ready"),
    SEGMENTATION_EXPORTED("org.spagateway.segmentation.exported", 1, SegmentationExported.class,
            "segmentation-exported"),
    CHOICE_MADE("org.spagateway.choice.made", 1, ChoiceMade.class, "choice-made"),
    CHOICE_APPLIED("org.spagateway.choice.applied", 1, ChoiceApplied.class, "choice-applied"),
    SESSION_APPROVED("org.spagateway.session.approved", 1, SessionApproved.class, "session-approved"),
    PROFILE_UPDATED("org.spagateway.profile.updated", 1, ProfileUpdated.class, "profile-updated"),
    RECORDS_ACCESSED("org.spagateway.records.accessed", 1, RecordsAccessed.class, "records-accessed");

    private final String typeName;
    private final int schemaVersion;
    private final Class<?> payloadType;
    private final String schemaName;

    EventType(String typeName, int schemaVersion, Class<?> payloadType, String schemaName) {
        this.typeName = typeName;
        this.schemaVersion = schemaVersion;
        this.payloadType = payloadType;
        this.schemaName = schemaName;
    }

    public String typeName() {
        return typeName;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public Class<?> payloadType() {
        return payloadType;
    }

    /** File name of the event's JSON Schema (the whole CloudEvent, envelope and data) under {@code schemas/}. */
    public String schemaFileName() {
        return schemaName + ".schema.json";
    }

    public static Optional<EventType> fromTypeName(String typeName) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(typeName)).findFirst();
    }
}
