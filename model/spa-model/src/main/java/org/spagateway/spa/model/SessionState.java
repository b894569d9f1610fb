package org.spagateway.spa.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Everything needed to continue a session on another machine, given the same model (checked by
 * {@code modelVersion}) and the same image: the clicks so far, the pi estimate the next round starts from, and for
 * each candidate of the last round what choosing it feeds back. A few kilobytes of JSON.
 *
 * @param formatVersion  1
 * @param modelVersion   the model's version string (name + weights hash prefix)
 * @param seed           session seed (rounds are deterministic in it)
 * @param round          rounds computed so far
 * @param clicks         point prompts so far (initial click first)
 * @param piInput        the pi estimate that the pi-MLP takes in the next round
 * @param choices        per candidate of the last round: fed-back point, its label from the candidate, the EM
 *                       estimate of pi on the candidate, how many samples it represents
 * @param chosen         per completed round, the candidate chosen (0-based) or {@link SpaSession#REJECTED_ALL} when
 *                       every candidate was rejected (states written before reject-all existed simply never hold it,
 *                       so the format version stays 1)
 * @param approved       whether the clinician approved the last recommended mask
 * @param approvalEstimate EM estimate of pi on the last round's mean probability map (the profile update when the
 *                       recommended mask is approved)
 */
public record SessionState(int formatVersion, String modelVersion, long seed, int round, List<Click> clicks,
                           float[] piInput, List<PendingChoice> choices, List<Integer> chosen, boolean approved,
                           float[] approvalEstimate) {

    public static final int FORMAT_VERSION = 1;

    /** What choosing one candidate feeds back. */
    public record PendingChoice(int x, int y, boolean label, float[] piEstimate, int sampleCount) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public SessionState {
        clicks = List.copyOf(clicks);
        choices = List.copyOf(choices);
        chosen = List.copyOf(chosen);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SessionState fromJson(String json) {
        try {
            SessionState state = JSON.readValue(json, SessionState.class);
            if (state.formatVersion() != FORMAT_VERSION) {
                throw new IllegalArgumentException("unsupported session state format " + state.formatVersion());
            }
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("invalid session state", e);
        }
    }
}
