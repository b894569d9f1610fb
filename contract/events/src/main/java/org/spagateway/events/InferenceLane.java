package org.spagateway.events;

/** Workers serve the interactive lane first, so a clinician waiting on a choice never queues behind new studies. */
public enum InferenceLane {
    NEW_STUDY,
    INTERACTIVE
}
