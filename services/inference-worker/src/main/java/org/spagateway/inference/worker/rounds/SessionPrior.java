package org.spagateway.inference.worker.rounds;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a session's round 1 started from, fixed when round 1 first runs so that a redelivered first-round request
 * computes the same round (and writes the same SEG content under the same UIDs) even if the clinician's profile has
 * moved on since.
 *
 * @param clinicianId    the clinician the session was started for; null for an auto-routed study
 * @param profileVersion the ProfileUpdated version used as the prior; null for a cold start (the model's pi_init)
 * @param pi             that profile's pi exactly as published; null for a cold start
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SessionPrior(String clinicianId, Integer profileVersion, List<Double> pi) {

    static final SessionPrior COLD_START = new SessionPrior(null, null, null);

    SessionPrior {
        pi = pi == null ? null : List.copyOf(pi);
        if ((profileVersion == null) != (pi == null)) {
            throw new IllegalArgumentException("a prior has both a profile version and its pi, or neither");
        }
    }

    /** The pi-MLP's round-1 input, or null for the model's own pi_init. */
    float[] piOrNull() {
        if (pi == null) {
            return null;
        }
        float[] out = new float[pi.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pi.get(i).floatValue();
        }
        return out;
    }
}
