package org.spagateway.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.ChosenCandidate;
import org.spagateway.events.Clinician;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.ModelReference;
import org.spagateway.events.SegmentationReference;
import org.spagateway.sessions.SessionIds;

/**
 * A synthetic choice log as the inference worker writes it: for each (clinician, task), sessions of three rounds
 * (CANDIDATE, CANDIDATE, APPROVE), every tenth session opening with a REJECT_ALL, each choice with a pi estimate over
 * M components. Profiles are interleaved round-robin, so every partition carries many clinicians. Deterministic.
 */
final class ChoiceLogGenerator {

    static final String MODEL_VERSION = "1.0.0+bench";
    private static final List<String> TASKS = List.of("fundus-optic-cup", "ct-lung-nodule", "task-three",
            "task-four");
    private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");
    private static final String SEG_CLASS = "1.2.840.10008.5.1.4.1.1.66.4";

    private final int clinicians;
    private final int tasks;
    private final int choicesPerProfile;
    private final int components;

    ChoiceLogGenerator(int clinicians, int tasks, int choicesPerProfile, int components) {
        if (tasks < 1 || tasks > TASKS.size()) {
            throw new IllegalArgumentException("tasks must be 1.." + TASKS.size());
        }
        this.clinicians = clinicians;
        this.tasks = tasks;
        this.choicesPerProfile = choicesPerProfile;
        this.components = components;
    }

    int size() {
        return clinicians * tasks * choicesPerProfile;
    }

    static String clinician(int index) {
        return String.format("clinician-%05d", index);
    }

    static String task(int index) {
        return TASKS.get(index);
    }

    /** Hands every event to {@code sink} in log order. */
    void forEach(Consumer<EventEnvelope<ChoiceApplied>> sink) {
        for (int choice = 0; choice < choicesPerProfile; choice++) {
            for (int c = 0; c < clinicians; c++) {
                for (int t = 0; t < tasks; t++) {
                    sink.accept(event(c, t, choice));
                }
            }
        }
    }

    /** The {@code choice}-th choice of clinician {@code c} on task {@code t}. */
    EventEnvelope<ChoiceApplied> event(int c, int t, int choice) {
        String clinician = clinician(c);
        String task = TASKS.get(t);
        // Sessions of 3 choices; every tenth session has 4, opening with a REJECT_ALL.
        int block = choice / 31;
        int inBlock = choice % 31;
        int session = block * 10 + (inBlock < 27 ? inBlock / 3 : 9);
        int round = inBlock < 27 ? inBlock % 3 + 1 : inBlock - 27 + 1;
        boolean rejectingSession = inBlock >= 27;
        ChoiceDecision decision;
        if (rejectingSession && round == 1) {
            decision = ChoiceDecision.REJECT_ALL;
        } else if (round == (rejectingSession ? 4 : 3)) {
            decision = ChoiceDecision.APPROVE;
        } else {
            decision = ChoiceDecision.CANDIDATE;
        }
        String sessionId = SessionIds.sessionId("bench-" + clinician + "-" + task, "2.25." + (10_000 + session));
        String studyUid = "2.25." + (100_000L + (long) c * 1_000 + session);
        SegmentationReference shown = segmentation(studyUid, sessionId, round);
        List<Double> estimate = decision == ChoiceDecision.REJECT_ALL ? null
                : estimate(((long) c * 31 + t) * 1_000_003L + choice);
        ChoiceApplied data = new ChoiceApplied(
                SessionIds.continuationRequestId(sessionId, round) + "-choice",
                sessionId,
                "bench-request-" + session,
                round,
                decision,
                decision == ChoiceDecision.CANDIDATE ? new ChosenCandidate(1 + choice % 4, 2 + choice % 4) : null,
                new Clinician(clinician, null, null),
                studyUid,
                task,
                new ModelReference("spa-" + task, MODEL_VERSION),
                shown,
                estimate,
                decision == ChoiceDecision.APPROVE ? null : round + 1,
                decision == ChoiceDecision.APPROVE ? segmentation(studyUid, sessionId, 100 + round) : null,
                null);
        return EventEnvelope.withId(SessionIds.choiceAppliedEventId(sessionId, round), EventType.CHOICE_APPLIED,
                "/spa-gateway/inference-worker", clinician, "bench-" + sessionId, START.plusSeconds(choice), data);
    }

    private List<Double> estimate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] raw = new double[components];
        double sum = 0;
        for (int i = 0; i < components; i++) {
            raw[i] = random.nextDouble() * random.nextDouble();
            sum += raw[i];
        }
        List<Double> weights = new ArrayList<>(components);
        for (double value : raw) {
            weights.add(value / sum);
        }
        return weights;
    }

    private static SegmentationReference segmentation(String studyUid, String sessionId, int round) {
        String series = studyUid + ".1";
        String instance = series + "." + round;
        return new SegmentationReference(studyUid, series, instance, SEG_CLASS, "1.2.840.10008.1.2.1",
                "file:///var/lib/spa-gateway/seg/" + studyUid + "/" + sessionId + "/" + instance + ".dcm", 65_536);
    }
}
