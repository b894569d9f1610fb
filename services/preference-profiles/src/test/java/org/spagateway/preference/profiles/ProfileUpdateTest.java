package org.spagateway.preference.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.spagateway.preference.profiles.ChoiceLog.FUNDUS;
import static org.spagateway.preference.profiles.ChoiceLog.MODEL_VERSION;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.ChoiceDecision;

class ProfileUpdateTest {

    private static final String CLINICIAN = "dr-rivera";
    private static final String SESSION = ChoiceLog.sessionId(CLINICIAN, FUNDUS, 1);

    @Test
    void theFirstChoiceSetsPiToTheNormalisedEstimate() {
        PreferenceProfile profile = ProfileUpdate.apply(null, candidate(1, List.of(0.2, 0.6, 0.4)));

        double sum = 0.2 + 0.6 + 0.4;
        assertThat(profile.pi()).containsExactly(0.2 / sum, 0.6 / sum, 0.4 / sum);
        assertThat(profile.version()).isEqualTo(1);
        assertThat(profile.choiceCount()).isEqualTo(1);
        assertThat(profile.rejectionCount()).isZero();
        assertThat(profile.modelVersion()).isEqualTo(MODEL_VERSION);
        assertThat(profile.lastDecision()).isEqualTo(ChoiceDecision.CANDIDATE);
        assertThat(profile.lastRound()).isEqualTo(1);
        assertThat(profile.lastSessionId()).isEqualTo(SESSION);
    }

    @Test
    void piIsTheMeanOfTheEstimatesUnderOneModelVersion() {
        List<List<Double>> estimates = List.of(List.of(0.5, 0.25, 0.25), List.of(0.1, 0.8, 0.1),
                List.of(0.3, 0.3, 0.4), List.of(0.0, 0.0, 1.0));
        PreferenceProfile profile = null;
        for (int round = 1; round <= estimates.size(); round++) {
            profile = ProfileUpdate.apply(profile, candidate(round, estimates.get(round - 1)));
        }

        for (int i = 0; i < 3; i++) {
            int component = i;
            double mean = estimates.stream().mapToDouble(e -> e.get(component)).sum() / estimates.size();
            assertThat(profile.pi().get(i)).isCloseTo(mean, within(1e-15));
        }
        assertThat(profile.pi().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-15));
        assertThat(profile.choiceCount()).isEqualTo(4);
        assertThat(profile.version()).isEqualTo(4);
    }

    @Test
    void eachStepIsTheRunningMeanInAFixedOrderOfOperations() {
        PreferenceProfile first = ProfileUpdate.apply(null, candidate(1, List.of(0.25, 0.75)));
        PreferenceProfile second = ProfileUpdate.apply(first, approve(2, List.of(0.6, 0.4)));

        double a = (1 * first.pi().get(0) + 0.6) / 2;
        double b = (1 * first.pi().get(1) + 0.4) / 2;
        assertThat(second.pi()).containsExactly(a / (a + b), b / (a + b));
        assertThat(second.lastDecision()).isEqualTo(ChoiceDecision.APPROVE);
    }

    @Test
    void aChoiceUnderAnotherModelVersionRestartsPiButKeepsTheRejections() {
        PreferenceProfile profile = ProfileUpdate.apply(null, candidate(1, List.of(0.5, 0.5)));
        profile = ProfileUpdate.apply(profile, ChoiceLog.rejectAll(CLINICIAN, FUNDUS, SESSION, 2, MODEL_VERSION).data());
        profile = ProfileUpdate.apply(profile, candidate(3, List.of(0.5, 0.5)));

        PreferenceProfile changed = ProfileUpdate.apply(profile,
                ChoiceLog.candidate(CLINICIAN, FUNDUS, SESSION, 4, "2.0.0", List.of(0.1, 0.2, 0.7)).data());

        assertThat(changed.modelVersion()).isEqualTo("2.0.0");
        assertThat(changed.pi()).hasSize(3);
        assertThat(changed.pi().get(2)).isCloseTo(0.7, within(1e-15));
        assertThat(changed.choiceCount()).isEqualTo(1);
        assertThat(changed.rejectionCount()).isEqualTo(1);
        assertThat(changed.version()).isEqualTo(4);
    }

    @Test
    void rejectAllCountsTheRejectionAndLeavesPiAsItIs() {
        PreferenceProfile profile = ProfileUpdate.apply(null, candidate(1, List.of(0.3, 0.7)));

        PreferenceProfile rejected = ProfileUpdate.apply(profile,
                ChoiceLog.rejectAll(CLINICIAN, FUNDUS, SESSION, 2, MODEL_VERSION).data());

        assertThat(rejected.pi()).isEqualTo(profile.pi());
        assertThat(rejected.choiceCount()).isEqualTo(1);
        assertThat(rejected.rejectionCount()).isEqualTo(1);
        assertThat(rejected.version()).isEqualTo(2);
        assertThat(rejected.lastDecision()).isEqualTo(ChoiceDecision.REJECT_ALL);
    }

    @Test
    void rejectAllUnderAnotherModelVersionKeepsTheProfilesModelAndPi() {
        PreferenceProfile profile = ProfileUpdate.apply(null, candidate(1, List.of(0.3, 0.7)));

        PreferenceProfile rejected = ProfileUpdate.apply(profile,
                ChoiceLog.rejectAll(CLINICIAN, FUNDUS, SESSION, 2, "2.0.0").data());

        assertThat(rejected.modelVersion()).isEqualTo(MODEL_VERSION);
        assertThat(rejected.pi()).isEqualTo(profile.pi());
    }

    @Test
    void rejectionsBeforeAnyEstimateAreCountedInAProfileWithoutPreference() {
        PreferenceProfile rejected = ProfileUpdate.apply(null,
                ChoiceLog.rejectAll(CLINICIAN, FUNDUS, SESSION, 1, MODEL_VERSION).data());

        assertThat(rejected.hasPreference()).isFalse();
        assertThat(rejected.version()).isEqualTo(1);
        assertThat(rejected.rejectionCount()).isEqualTo(1);
        assertThat(rejected.choiceCount()).isZero();

        PreferenceProfile chosen = ProfileUpdate.apply(rejected, candidate(2, List.of(1.0, 3.0)));
        assertThat(chosen.hasPreference()).isTrue();
        assertThat(chosen.pi()).containsExactly(0.25, 0.75);
        assertThat(chosen.version()).isEqualTo(2);
        assertThat(chosen.choiceCount()).isEqualTo(1);
        assertThat(chosen.rejectionCount()).isEqualTo(1);
    }

    @Test
    void anEstimateWithAnotherNumberOfComponentsUnderTheSameModelIsRefused() {
        PreferenceProfile profile = ProfileUpdate.apply(null, candidate(1, List.of(0.3, 0.7)));

        assertThatThrownBy(() -> ProfileUpdate.apply(profile, candidate(2, List.of(0.2, 0.3, 0.5))))
                .isInstanceOfSatisfying(UnusableChoiceException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnusableChoiceException.Reason.PI_SIZE_MISMATCH));
    }

    @Test
    void anEstimateOfZerosIsRefused() {
        assertThatThrownBy(() -> ProfileUpdate.apply(null, candidate(1, List.of(0.0, 0.0))))
                .isInstanceOfSatisfying(UnusableChoiceException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnusableChoiceException.Reason.PI_ESTIMATE_ZERO));
    }

    @Test
    void replayingTheSameChoicesGivesBitIdenticalProfiles() {
        List<ChoiceApplied> choices = new ArrayList<>();
        for (int round = 1; round <= 200; round++) {
            choices.add(round % 7 == 0
                    ? ChoiceLog.rejectAll(CLINICIAN, FUNDUS, SESSION, round, MODEL_VERSION).data()
                    : candidate(round, ChoiceLog.estimate(round, ChoiceLog.COMPONENTS)));
        }

        PreferenceProfile first = replay(choices);
        PreferenceProfile second = replay(choices);

        assertThat(second).isEqualTo(first);
        for (int i = 0; i < ChoiceLog.COMPONENTS; i++) {
            assertThat(Double.doubleToRawLongBits(second.pi().get(i)))
                    .isEqualTo(Double.doubleToRawLongBits(first.pi().get(i)));
        }
        assertThat(first.version()).isEqualTo(200);
        assertThat(first.rejectionCount()).isEqualTo(200 / 7);
        assertThat(first.choiceCount()).isEqualTo(200 - 200 / 7);
    }

    private static PreferenceProfile replay(List<ChoiceApplied> choices) {
        PreferenceProfile profile = null;
        for (ChoiceApplied choice : choices) {
            profile = ProfileUpdate.apply(profile, choice);
        }
        return profile;
    }

    private static ChoiceApplied candidate(int round, List<Double> estimate) {
        return ChoiceLog.candidate(CLINICIAN, FUNDUS, SESSION, round, MODEL_VERSION, estimate).data();
    }

    private static ChoiceApplied approve(int round, List<Double> estimate) {
        return ChoiceLog.approve(CLINICIAN, FUNDUS, SESSION, round, MODEL_VERSION, estimate).data();
    }
}
