package org.spagateway.spa.model.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.spagateway.spa.model.SpaConfig;
import org.spagateway.spa.model.data.RaterStyle;

/** Writes the Markdown model card beside trained weights. */
public final class ModelCard {

    private ModelCard() {
    }

    public static void write(Path file, TrainingOptions options, List<EpochReport> reports, int keptEpoch,
                             String sha256, long weightBytes, long parameterCount, String command, double seconds,
                             int threads, String gradientCheck) {
        SpaConfig c = options.config();
        StringBuilder md = new StringBuilder();
        md.append("# Model card: ").append(options.name()).append("\n\n");
        md.append("**Trained on synthetic data only.** No patient data was used; the images are phantoms from the\n")
          .append("`phantoms` module and the \"raters\" are simulated styles applied to the phantoms' soft inclusion\n")
          .append("maps. Figures below say how the model behaves on that synthetic data, nothing about real images.\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Task", options.panel().task());
        row(md, "Variant", switch (options.variant()) {
            case SPA -> "SPA (preference mixture, N samples, K candidates, one fed-back point per round)";
            case DETERMINISTIC -> "baseline: deterministic (noise-free z, no clicks, one prediction)";
            case CLICK -> "baseline: click-based interactive (noise-free z, a corrective click per round)";
        });
        row(md, "Weights", "`" + options.name() + ".params` (" + weightBytes + " bytes, " + parameterCount
                + " parameters), epoch " + keptEpoch + " of " + reports.size() + " (best validation score)");
        row(md, "SHA-256", "`" + sha256 + "`");
        row(md, "Input", c.inputChannels() + " x " + c.imageSize() + " x " + c.imageSize() + ", normalised as in `Task.normalise`");
        row(md, "Network", "CNN encoder (stride 8, " + c.embedChannels() + " channels), Fourier point prompts, M = "
                + c.components() + " components, latent " + c.latentDim() + ", Fcomb (3 x 1x1 conv + ReLU), "
                + "cross-attention + upsampling decoder; N = " + c.samples() + " samples and K = " + c.clusters()
                + " candidates at inference");
        row(md, "Preference mixture", (c.ancestralSampling()
                ? "one component drawn per sample, z = mu_m + sigma_m eps" : "z = sum_m pi_m (mu_m + sigma_m eps)")
                + "; pi estimated from " + (c.latentPiEstimate()
                ? "the latents of the chosen candidate's samples (spa-model MODEL.md deviation 20)"
                : "the pixel values of the chosen candidate's mean map (the paper code)"));
        if (options.variant() == TrainingOptions.Variant.SPA) {
            row(md, "Inference recipe", "the paper's as trained (pi from the pi-MLP, the recommended mask the mean of "
                    + "all samples); a recipe chosen on the validation split goes into the metadata's `inference` "
                    + "(spa-model MODEL.md deviation 21, `spa-levers`)");
        }
        row(md, "Command", "`" + command + "`");
        row(md, "Training time", String.format(Locale.ROOT, "%.0f s on %d CPU thread(s)", seconds, threads));
        md.append("\n## Data\n\n");
        md.append(String.format(Locale.ROOT, "- %d training images (split TRAIN), %d validation images (split VALIDATION), "
                + "data seed %d, 128 x 128 rendered at 256 x 256 and block-averaged.%n", options.trainImages(),
                options.validationImages(), options.dataSeed()));
        md.append("- Training preference per image and batch: the paper code's pixel-driven rater subset, fused at >= 0.5.\n");
        if (options.profileFraction() > 0f && options.variant() == TrainingOptions.Variant.SPA) {
            md.append(String.format(Locale.ROOT, "- Per-rater study sequences: %.0f%% of the training studies take one "
                    + "rater's own mask as the preference and that rater's carried profile (mean approval estimate "
                    + "of its last %d studies) as the round-1 pi-MLP input.%n", 100 * options.profileFraction(),
                    RaterProfiles.WINDOW));
        } else if (options.profileFraction() > 0f && options.variant() == TrainingOptions.Variant.CLICK) {
            md.append(String.format(Locale.ROOT, "- Per-rater study sequences, as SPA's: %.0f%% of the training "
                    + "studies take one rater's own mask as the preference (from pi_init: the click baseline carries "
                    + "no profile).%n", 100 * options.profileFraction()));
        }
        md.append("- Raters (panel `").append(options.panel().task()).append("`")
          .append(options.heldOutRaters().isEmpty() ? "" : ", held out of training: " + options.heldOutRaters())
          .append("):\n\n");
        md.append("| id | threshold | smoothing sigma | bias px | jitter | rim noise | description |\n|---|---|---|---|---|---|---|\n");
        for (RaterStyle r : options.panel().raters()) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f | %+.1f | %.2f | %.2f | %s |%n", r.id(),
                    r.threshold(), r.smoothingSigma(), r.biasPixels(), r.thresholdJitter(), r.boundaryNoise(),
                    r.description()));
        }
        md.append("\n## Training\n\n");
        md.append(String.format(Locale.ROOT, "Adam, learning rate %s (constant), %d epochs, batch %d, %d simulated rounds per "
                + "batch with one step each, N = %d samples in training, best-of-N rater loss weight %s, seed %d, "
                + "gradients clipped to a global norm of %s. Gradient check against float64 before training "
                + "(spa-model MODEL.md, \"Training on x86-64 CPUs\"): %s.%n%n",
                options.learningRate(), options.epochs(), options.batchSize(), options.rounds(), options.trainSamples(),
                options.wtaWeight(), options.seed(), options.maxGradientNorm(), gradientCheck));
        md.append("| epoch | loss | segmentation BCE | best-of-N BCE | pi MSE | val Dice round 1 | val Dice round ")
          .append(Math.max(3, options.variant() == TrainingOptions.Variant.DETERMINISTIC ? 1 : options.rounds()))
          .append(" | largest gradient norm | clipped steps | seconds |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (EpochReport r : reports) {
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.6f | %.4f | %.4f | %.3g | %d | %.0f |%n",
                    r.epoch() == keptEpoch ? "**" + r.epoch() + " (kept)**" : Integer.toString(r.epoch()),
                    r.loss(), r.segmentationLoss(), r.wtaLoss(), r.piLoss(), r.validationDiceFirst(),
                    r.validationDiceLast(), r.largestGradientNorm(), r.clippedSteps(), r.seconds()));
        }
        md.append("\nThe kept epoch has the best mean of the two validation columns. Validation: a uniform rater "
                + "subset per image as the preference, the paper's simulated user (initial click where all raters agree; the candidate nearest the preference; the fed-back point "
                + "labelled from the preference), Dice of the recommended mask.\n");
        md.append("\nThe interactive evaluation against baselines is in `docs/evaluation/` (evaluation module).\n");
        try {
            Files.writeString(file, md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value).append(" |\n");
    }
}
