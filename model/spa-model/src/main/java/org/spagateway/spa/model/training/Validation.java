package org.spagateway.spa.model.training;

import java.util.List;
import java.util.SplittableRandom;
import org.spagateway.spa.model.BinaryMask;
import org.spagateway.spa.model.Click;
import org.spagateway.spa.model.ModelImage;
import org.spagateway.spa.model.SpaModel;
import org.spagateway.spa.model.SpaPredictor;
import org.spagateway.spa.model.TrainingInputs;
import org.spagateway.spa.model.data.MultiRaterSample;
import org.spagateway.spa.model.data.Preferences;
import org.spagateway.spa.model.data.Seeds;
import org.spagateway.spa.model.simulation.SimulatedRun;
import org.spagateway.spa.model.simulation.Simulator;

/** Quick interactive validation: the variant's simulated user for a few rounds, mean Dice of its output. */
public final class Validation {

    private Validation() {
    }

    /** Mean Dice per round (index 0 = round 1) against a uniform rater-subset preference per image. */
    public static double[] diceByRound(SpaModel model, TrainingOptions.Variant variant,
                                       List<MultiRaterSample> samples, int rounds, long seed) {
        double[] dice = new double[rounds];
        if (samples.isEmpty()) {
            return dice;
        }
        try (SpaPredictor predictor = model.newPredictor()) {
            for (int i = 0; i < samples.size(); i++) {
                MultiRaterSample sample = samples.get(i);
                SplittableRandom random = new SplittableRandom(Seeds.mix(seed, 0x7E57, i));
                BinaryMask preference = Preferences.uniformSubset(sample, random).mask();
                Click initial = TrainingInputs.initialClick(sample, random);
                ModelImage image = ModelImage.of(sample);
                SimulatedRun run = switch (variant) {
                    case SPA -> Simulator.spa(predictor, image, preference, initial, null, rounds, Seeds.mix(seed, i));
                    case CLICK -> Simulator.clicks(predictor, image, preference, initial, rounds);
                    case DETERMINISTIC -> Simulator.deterministic(predictor, image, preference, rounds);
                };
                for (int r = 0; r < rounds; r++) {
                    dice[r] += run.dice()[r] / samples.size();
                }
            }
        }
        return dice;
    }
}
