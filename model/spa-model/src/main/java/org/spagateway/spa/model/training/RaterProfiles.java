package org.spagateway.spa.model.training;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The carried profile of each training rater, built as at inference: the mean of the approval estimates (EM
 * estimate of pi on the last round's mean map) of that rater's most recent studies. Training feeds it as the
 * round-1 pi-MLP input of the rater's next study, so the pi path learns to carry a style across studies.
 */
final class RaterProfiles {

    /** Studies averaged: the evaluation's 10th study starts from the mean of the 9 before it. */
    static final int WINDOW = 9;

    private final List<Deque<float[]>> history = new ArrayList<>();

    RaterProfiles(int raters) {
        for (int k = 0; k < raters; k++) {
            history.add(new ArrayDeque<>());
        }
    }

    /** The rater's profile, or {@code coldStart} before the rater's first study. */
    float[] prior(int rater, float[] coldStart) {
        Deque<float[]> studies = history.get(rater);
        if (studies.isEmpty()) {
            return coldStart;
        }
        float[] mean = new float[coldStart.length];
        for (float[] estimate : studies) {
            for (int c = 0; c < mean.length; c++) {
                mean[c] += estimate[c] / studies.size();
            }
        }
        return mean;
    }

    /** Records the approval estimate of one of the rater's studies. */
    void add(int rater, float[] approvalEstimate) {
        Deque<float[]> studies = history.get(rater);
        studies.addLast(approvalEstimate.clone());
        if (studies.size() > WINDOW) {
            studies.removeFirst();
        }
    }

    int studies(int rater) {
        return history.get(rater).size();
    }
}
