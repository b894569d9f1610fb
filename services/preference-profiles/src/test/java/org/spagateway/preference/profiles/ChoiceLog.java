package org.spagateway.preference.profiles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.ChosenCandidate;
import org.spagateway.events.Clinician;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.ModelReference;
import org.spagateway.events.SegmentationReference;
import org.spagateway.sessions.SessionIds;

/** Schema-valid ChoiceApplied events as the inference worker publishes them, deterministic for a given input. */
final class ChoiceLog {

    static final String MODEL_VERSION = "1.0.0+3f2a9c1e";
    static final String FUNDUS = "fundus-optic-cup";
    static final String NODULE = "ct-lung-nodule";
    static final int COMPONENTS = 16;
    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    private static final String SEG_CLASS = "1.2.840.10008.5.1.4.1.1.66.4";

    private ChoiceLog() {
    }

    static String sessionId(String clinician, String task, int study) {
        return SessionIds.sessionId("request-" + clinician + "-" + task, "2.25." + (1000 + study));
    }

    static EventEnvelope<ChoiceApplied> candidate(String clinician, String task, String sessionId, int round,
                                                  String modelVersion, List<Double> estimate) {
        return event(clinician, task, sessionId, round, ChoiceDecision.CANDIDATE, modelVersion, estimate);
    }

    static EventEnvelope<ChoiceApplied> approve(String clinician, String task, String sessionId, int round,
                                                String modelVersion, List<Double> estimate) {
        return event(clinician, task, sessionId, round, ChoiceDecision.APPROVE, modelVersion, estimate);
    }

    static EventEnvelope<ChoiceApplied> rejectAll(String clinician, String task, String sessionId, int round,
                                                  String modelVersion) {
        return event(clinician, task, sessionId, round, ChoiceDecision.REJECT_ALL, modelVersion, null);
    }

    static EventEnvelope<ChoiceApplied> event(String clinician, String task, String sessionId, int round,
                                              ChoiceDecision decision, String modelVersion, List<Double> estimate) {
        String studyUid = "2.25." + Integer.toUnsignedString(sessionId.hashCode());
        SegmentationReference shown = segmentation(studyUid, sessionId, round);
        ChoiceApplied choice = new ChoiceApplied(
                SessionIds.continuationRequestId(sessionId, round) + "-choice",
                sessionId,
                "request-" + sessionId,
                round,
                decision,
                decision == ChoiceDecision.CANDIDATE ? new ChosenCandidate(2, 3) : null,
                new Clinician(clinician, null, null),
                studyUid,
                task,
                new ModelReference("spa-" + task, modelVersion),
                shown,
                estimate,
                decision == ChoiceDecision.APPROVE ? null : round + 1,
                decision == ChoiceDecision.APPROVE ? segmentation(studyUid, sessionId, round + 100) : null,
                null);
        return EventEnvelope.withId(SessionIds.choiceAppliedEventId(sessionId, round), EventType.CHOICE_APPLIED,
                "/spa-gateway/inference-worker", clinician, "correlation-" + sessionId,
                START.plusSeconds(60L * Math.abs(sessionId.hashCode() % 10_000) + round), choice);
    }

    /**
     * The choices of one clinician's studies on a task, in order: each study is a session with a CANDIDATE round,
     * every third study a REJECT_ALL first, and an APPROVE that ends it.
     */
    static List<EventEnvelope<ChoiceApplied>> studies(String clinician, String task, int firstStudy, int studies,
                                                      String modelVersion) {
        List<EventEnvelope<ChoiceApplied>> events = new ArrayList<>();
        for (int study = firstStudy; study < firstStudy + studies; study++) {
            String session = sessionId(clinician, task, study);
            long seed = (clinician + task).hashCode() * 1_000L + study;
            int round = 1;
            if (study % 3 == 0) {
                events.add(rejectAll(clinician, task, session, round++, modelVersion));
            }
            events.add(candidate(clinician, task, session, round++, modelVersion, estimate(seed, COMPONENTS)));
            events.add(approve(clinician, task, session, round, modelVersion, estimate(seed + 7, COMPONENTS)));
        }
        return events;
    }

    /** Interleaves the lists one event at a time, as choices of different clinicians arrive. */
    static <T> List<T> interleave(List<List<T>> lists) {
        List<T> merged = new ArrayList<>();
        int longest = lists.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<T> list : lists) {
                if (i < list.size()) {
                    merged.add(list.get(i));
                }
            }
        }
        return merged;
    }

    /** A pi estimate over {@code components} weights in [0, 1] summing to about 1, from {@code seed}. */
    static List<Double> estimate(long seed, int components) {
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
        String series = "2.25." + Integer.toUnsignedString((sessionId + round).hashCode());
        String instance = series + "." + round;
        return new SegmentationReference(studyUid, series, instance, SEG_CLASS, "1.2.840.10008.1.2.1",
                "file:///var/lib/spa-gateway/seg/" + studyUid + "/" + sessionId + "/" + instance + ".dcm", 4_096);
    }
}
