package org.spagateway.preference.profiles;

import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.ProfileUpdated;
import org.spagateway.sessions.SessionIds;

/**
 * The ProfileUpdated event of a profile version. Everything in it derives from the profile and the ChoiceApplied
 * that produced it, never from the clock, so replaying the choice log repeats the same events: the id is
 * {@link SessionIds#profileUpdatedEventId}, the time is the choice's.
 */
public final class ProfileEventMapper {

    /** The CloudEvents {@code source} of every ProfileUpdated. */
    public static final String SOURCE = "/spa-gateway/preference-profiles";

    private ProfileEventMapper() {
    }

    public static EventEnvelope<ProfileUpdated> toEvent(PreferenceProfile profile, EventEnvelope<ChoiceApplied> cause) {
        ProfileUpdated data = new ProfileUpdated(profile.clinicianId(), profile.task(), profile.modelVersion(),
                profile.version(), profile.pi(), profile.choiceCount(), profile.rejectionCount(),
                profile.lastChoiceEventId(), profile.lastSessionId(), profile.lastRound(), profile.lastDecision());
        return EventEnvelope.withId(
                SessionIds.profileUpdatedEventId(profile.clinicianId(), profile.task(), profile.version()),
                EventType.PROFILE_UPDATED, SOURCE, profile.clinicianId(), cause.correlationId(), cause.occurredAt(),
                data);
    }
}
