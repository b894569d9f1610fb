package org.spagateway.inference.worker.rounds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.dicom.seg.MaskGrid;
import org.spagateway.dicom.seg.MaskPng;
import org.spagateway.sessions.SessionArtifacts;
import org.spagateway.spa.model.SessionState;

/**
 * What a session's rounds leave for the worker that serves its next request, whichever worker (and host) that is
 * after a rebalance: the {@link SessionState} after each round (what resuming needs), each round's recommended mask
 * on the source grid (a 1-bit PNG of a few KB: what an approval writes as the final SEG without running the model
 * again), and the prior round 1 started from ({@link SessionPrior}, fixed by the first round that stores it). They
 * live in the session ledger's database ({@link SessionArtifacts}), written once and committed before the ledger
 * records the round, so that workers share no folder.
 *
 * <p>A state or mask that is not stored, or that is stored but cannot be read (written by an incompatible version,
 * damaged), throws {@link RoundStateMissingException}: the request that needs it is refused with
 * {@code ROUND_STATE_MISSING} instead of failing on it for ever. A database that cannot be reached throws the ledger's
 * {@link org.spagateway.sessions.LedgerUnavailableException}: retried.
 */
public final class SessionStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(SessionStateStore.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final SessionArtifacts artifacts;

    public SessionStateStore(SessionArtifacts artifacts) {
        this.artifacts = artifacts;
    }

    /** Stores round {@code round}'s state and recommended mask; a redelivered round rewrites nothing. */
    void save(String sessionId, int round, SessionState state, MaskGrid recommended) throws IOException {
        artifacts.saveRoundState(sessionId, round, state.toJson(), MaskPng.encode(recommended));
    }

    /** The state after round {@code round}; {@link RoundStateMissingException} when it is not stored or unreadable. */
    public SessionState load(String sessionId, int round) throws IOException {
        String json = artifacts.roundState(sessionId, round).orElseThrow(() -> missing("state", round, null));
        try {
            return SessionState.fromJson(json);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw missing("state", round, e);
        }
    }

    /** Round {@code round}'s recommended mask; {@link RoundStateMissingException} when not stored or unreadable. */
    MaskGrid loadRecommended(String sessionId, int round) throws IOException {
        byte[] png = artifacts.recommendedMask(sessionId, round)
                .orElseThrow(() -> missing("recommended mask", round, null));
        try {
            return MaskPng.decode(png);
        } catch (IOException e) {
            throw missing("recommended mask", round, e);
        }
    }

    /**
     * The prior round 1 of this session started from: the stored one if round 1 ran before (a redelivery, or another
     * worker racing), else {@code choose}'s, which is stored first.
     */
    SessionPrior claimPrior(String sessionId, Supplier<SessionPrior> choose) throws IOException {
        String chosen = JSON.writeValueAsString(choose.get());
        String stored = artifacts.claimPrior(sessionId, chosen);
        try {
            return JSON.readValue(stored, SessionPrior.class);
        } catch (IOException e) {
            // Not ours to repair: the session keeps the prior it started from, or none can be read.
            throw new IllegalStateException("the stored prior of the session cannot be read", e);
        }
    }

    private static RoundStateMissingException missing(String what, int round, Exception cause) {
        if (cause != null) {
            LOG.warn("The stored {} of round {} cannot be read: {}", what, round, cause.getMessage());
        }
        return new RoundStateMissingException("the " + what + " of round " + round + " is "
                + (cause == null ? "not stored" : "stored but unreadable"), cause);
    }
}
