package org.spagateway.events;

/** Why the listener decided that a study (version) is complete. */
public enum CompletionReason {
    /** No instance arrived for the configured quiet period. */
    QUIET_PERIOD,
    /** The instances declared how many belong together (e.g. NumberOfStudyRelatedInstances) and all arrived. */
    EXPECTED_COUNT,
    /** A configured rule gave the expected count (e.g. one instance per study for modality OP). */
    EXPECTED_COUNT_RULE
}
