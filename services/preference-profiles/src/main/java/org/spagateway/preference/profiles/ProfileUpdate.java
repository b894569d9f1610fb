package org.spagateway.preference.profiles;

import java.util.ArrayList;
import java.util.List;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.ChoiceDecision;

/**
 * The profile update rule: one applied choice of a clinician on a task turns the profile's version n into n + 1.
 *
 * <p>CANDIDATE and APPROVE carry the EM estimate of pi from the chosen candidate (supplementary Eq. 1-6 of the
 * SPA paper); the profile's pi is the running mean of those estimates under one model version, the profile the
 * evaluation module carries from study to study. A choice under another model version restarts the mean: pi is
 * over the model's M preference components, and another model's components mean something else. REJECT_ALL carries
 * no positive evidence: it is counted and leaves pi as it is.
 *
 * <p>Pure and deterministic: Java's double arithmetic is IEEE 754 strict (JLS 15.4, Java 17), every sum runs in
 * component order, so replaying the same choices yields bit-identical profiles (the rebuild depends on it).
 */
public final class ProfileUpdate {

    private ProfileUpdate() {
    }

    /**
     * The profile after {@code choice}.
     *
     * @param current the profile so far, or null for the clinician's first choice on the task
     * @throws UnusableChoiceException when the estimate cannot be averaged into the profile
     */
    public static PreferenceProfile apply(PreferenceProfile current, ChoiceApplied choice) {
        String modelVersion = choice.model().version();
        long version = current == null ? 1 : current.version() + 1;
        long rejections = current == null ? 0 : current.rejectionCount();
        if (choice.decision() == ChoiceDecision.REJECT_ALL) {
            String keptModel = current == null ? modelVersion : current.modelVersion();
            List<Double> keptPi = current == null ? List.of() : current.pi();
            long keptChoices = current == null ? 0 : current.choiceCount();
            return profile(choice, keptModel, version, keptPi, keptChoices, rejections + 1);
        }
        double[] estimate = toArray(choice.piEstimate());
        boolean restart = current == null || !current.hasPreference()
                || !current.modelVersion().equals(modelVersion);
        if (restart) {
            return profile(choice, modelVersion, version, normalised(estimate), 1, rejections);
        }
        if (estimate.length != current.pi().size()) {
            throw new UnusableChoiceException(UnusableChoiceException.Reason.PI_SIZE_MISMATCH,
                    "piEstimate has " + estimate.length + " components, the profile under model " + modelVersion
                            + " has " + current.pi().size());
        }
        long n = current.choiceCount();
        double[] mean = new double[estimate.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (n * current.pi().get(i) + estimate[i]) / (n + 1);
        }
        return profile(choice, modelVersion, version, normalised(mean), n + 1, rejections);
    }

    /** {@code weights} divided by their sum, summed in component order. */
    static List<Double> normalised(double[] weights) {
        double sum = 0;
        for (double weight : weights) {
            sum += weight;
        }
        if (!(sum > 0) || Double.isInfinite(sum)) {
            throw new UnusableChoiceException(UnusableChoiceException.Reason.PI_ESTIMATE_ZERO,
                    "pi weights sum to " + sum + ", cannot normalise");
        }
        List<Double> result = new ArrayList<>(weights.length);
        for (double weight : weights) {
            result.add(weight / sum);
        }
        return result;
    }

    private static double[] toArray(List<Double> values) {
        if (values == null || values.isEmpty()) {
            // The schema requires piEstimate on CANDIDATE and APPROVE; this guards callers that skip validation.
            throw new UnusableChoiceException(UnusableChoiceException.Reason.PI_ESTIMATE_ZERO, "no piEstimate");
        }
        double[] array = new double[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    private static PreferenceProfile profile(ChoiceApplied choice, String modelVersion, long version, List<Double> pi,
                                             long choiceCount, long rejectionCount) {
        return new PreferenceProfile(choice.clinician().id(), choice.task(), modelVersion, version, pi, choiceCount,
                rejectionCount, choice.choiceEventId(), choice.sessionId(), choice.round(), choice.decision());
    }
}
