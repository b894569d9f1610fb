package org.spagateway.spa.model.training;

import ai.djl.training.util.ProgressBar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spagateway.spa.model.SpaConfig;
import org.spagateway.spa.model.SpaModel;
import org.spagateway.spa.model.data.RaterPanel;
import org.spagateway.spa.model.data.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line: train an SPA model on synthetic multi-rater data (CPU, deterministic seeds). */
@Command(name = "spa-train", mixinStandardHelpOptions = true,
        description = "Trains an SPA model on synthetic multi-rater data and writes <name>.params, <name>.json "
                + "and the model card <name>.md.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--task", defaultValue = "optic-cup", description = "optic-cup, optic-disc or nodule")
    String task;
    @Option(names = "--raters", description = "rater-panel JSON (default: the shipped panel of the task)")
    Path raters;
    @Option(names = "--held-out", split = ",", description = "rater indices excluded from training, e.g. 3")
    List<Integer> heldOut = List.of();
    @Option(names = "--out", defaultValue = "models", description = "output directory")
    Path out;
    @Option(names = "--name", description = "model name (default spa-<task>)")
    String name;
    @Option(names = "--train-images", defaultValue = "256")
    int trainImages;
    @Option(names = "--val-images", defaultValue = "16")
    int validationImages;
    @Option(names = "--epochs", defaultValue = "6")
    int epochs;
    @Option(names = "--batch", defaultValue = "4")
    int batch;
    @Option(names = "--rounds", defaultValue = "6",
            description = "simulated rounds (optimiser steps) per batch; the paper's 6, as evaluated")
    int rounds;
    @Option(names = "--train-samples", defaultValue = "16", description = "N during training")
    int trainSamples;
    @Option(names = "--lr", defaultValue = "1e-3")
    float learningRate;
    @Option(names = "--wta", defaultValue = "0.5", description = "weight of the best-of-N per-rater loss")
    float wta;
    @Option(names = "--latent", defaultValue = "32")
    int latent;
    @Option(names = "--data-seed", defaultValue = "1")
    long dataSeed;
    @Option(names = "--seed", defaultValue = "1")
    long seed;
    @Option(names = "--clip-norm", defaultValue = "10", description = "gradients whose global L2 norm exceeds this "
            + "are scaled down to it before the optimiser step")
    float clipNorm;
    @Option(names = "--threads", defaultValue = "1", description = "PyTorch intra-op threads")
    int threads;
    @Option(names = "--variant", defaultValue = "spa",
            description = "spa, or a baseline on the same backbone: deterministic (no z, no clicks), click (no z, "
                    + "corrective clicks)")
    String variant;
    @Option(names = "--profile-fraction", defaultValue = "0",
            description = "spa and click: share of training studies in per-rater study sequences (the rater's own "
                    + "mask as the preference; for spa the rater's carried profile as the round-1 pi-MLP input)")
    float profileFraction;
    @Option(names = "--ancestral", description = "draw one mixture component per sample, z = mu_m + sigma_m eps "
            + "(default: the paper code's z = sum_m pi_m (mu_m + sigma_m eps))")
    boolean ancestral;
    @Option(names = "--latent-pi-estimate", description = "estimate pi from the latents of the chosen candidate's "
            + "samples (default: from its mean probability map, as the paper code; MODEL.md deviation 20)")
    boolean latentPiEstimate;
    @Option(names = "--target-samples", defaultValue = "0", description = "with --latent-pi-estimate: how many of "
            + "the samples nearest the preference make the pi-MLP's training target (0 = N / K)")
    int targetSamples;

    public static void main(String[] args) {
        System.setProperty("logback.configurationFile", "spa-model-logback.xml");
        System.exit(new CommandLine(new TrainCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Logger log = LoggerFactory.getLogger(TrainCommand.class);
        Task kind = Task.fromId(task);
        RaterPanel panel = raters == null ? RaterPanel.defaults(kind) : RaterPanel.read(raters);
        String modelName = name == null ? "spa-" + kind.id() : name;
        SpaConfig base = SpaConfig.defaults(kind.channels());
        SpaConfig config = new SpaConfig(base.inputChannels(), base.imageSize(), base.embedChannels(), latent,
                base.components(), base.samples(), base.clusters(), base.feedbackTopK(), base.clusterGrid(), ancestral,
                latentPiEstimate);
        TrainingOptions options = new TrainingOptions(modelName, panel, heldOut, config, trainImages,
                validationImages, epochs, batch, rounds, trainSamples, learningRate, wta, dataSeed, seed,
                TrainingOptions.Variant.valueOf(variant.toUpperCase(Locale.ROOT)), profileFraction, targetSamples,
                clipNorm);
        String command = "spa-train " + String.join(" ", commandLine());
        log.info("training {} ({}) on {} ({} raters, held out {}), {} epochs", modelName, options.variant(),
                kind.id(), panel.size(), heldOut, epochs);
        long start = System.nanoTime();
        try (SpaModel model = SpaModel.create(modelName, kind.id(), config, seed)) {
            return train(model, options, command, start, log);
        }
    }

    /**
     * Exit status 0; 1 when training stopped on a non-finite loss or gradient (the last checkpoint is kept); 2 when
     * it did not start because this machine computes the network's gradients wrongly ({@link GradientCheck}).
     */
    private int train(SpaModel model, TrainingOptions options, String command, long start, Logger log) {
        SpaTrainer trainer;
        try {
            trainer = new SpaTrainer(model, options);
        } catch (IllegalStateException e) {
            log.error("not training: {}", e.getMessage());
            return 2;
        }
        gradientCheck = trainer.gradientCheck().describe();
        try {
            ProgressBar bar = new ProgressBar();
            trainer.train(new SpaTrainer.Listener() {
                @Override
                public void step(int epoch, int step, int steps, double loss) {
                    if (step == 1) {
                        bar.reset("epoch " + epoch + "/" + epochs, steps, "");
                    }
                    bar.update(step, String.format(Locale.ROOT, "loss %.4f", loss));
                }

                private final List<EpochReport> done = new java.util.ArrayList<>();
                private double best = Double.NEGATIVE_INFINITY;

                @Override
                public void epoch(EpochReport r) {
                    bar.end();
                    done.add(r);
                    // Keep the best epoch on the validation images (the paper keeps its best checkpoint too); the
                    // checkpoint also means an interrupted run leaves usable weights and a card.
                    double score = (r.validationDiceFirst() + r.validationDiceLast()) / 2;
                    if (score > best || validationImages == 0) {
                        best = score;
                        checkpoint(model, options, done, r.epoch(), command, start, log);
                    } else {
                        log.info("epoch {} not kept (validation {} <= best {})", r.epoch(),
                                String.format(Locale.ROOT, "%.4f", score), String.format(Locale.ROOT, "%.4f", best));
                        writeCard(options, done, keptEpoch, command, start);
                    }
                    log.info(String.format(Locale.ROOT, "epoch %d: loss %.4f (seg %.4f, best-of-N %.4f, pi %.6f), "
                            + "val Dice round 1 %.4f, last round %.4f, %.0f s", r.epoch(), r.loss(),
                            r.segmentationLoss(), r.wtaLoss(), r.piLoss(), r.validationDiceFirst(),
                            r.validationDiceLast(), r.seconds()));
                }
            });
            return 0;
        } catch (TrainingDivergedException e) {
            log.error("{}; last kept checkpoint: {}", e.getMessage(), keptEpoch == 0 ? "none"
                    : "epoch " + keptEpoch + " in " + out.resolve(options.name() + ".params"));
            return 1;
        }
    }

    private int keptEpoch;
    private String keptSha;
    private String gradientCheck;

    private void checkpoint(SpaModel model, TrainingOptions options, List<EpochReport> reports, int epoch,
                            String command, long start, Logger log) {
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("command", command);
        training.put("variant", options.variant().name());
        training.put("keptEpoch", epoch);
        training.put("epochs", reports.size());
        training.put("trainImages", trainImages);
        training.put("dataSeed", dataSeed);
        training.put("seed", seed);
        training.put("heldOutRaters", heldOut);
        training.put("raters", options.panel().raters().stream().map(r -> r.id()).toList());
        training.put("seconds", Math.round(seconds));
        training.put("kept", reports.get(epoch - 1));
        training.put("gradientCheck", gradientCheck);
        keptSha = model.save(out, training);
        keptEpoch = epoch;
        parameterCount = model.network().getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        writeCard(options, reports, epoch, command, start);
        log.info("kept epoch {}: wrote {} (SHA-256 {}) and its model card, {} s", epoch,
                out.resolve(options.name() + ".params"), keptSha, Math.round(seconds));
    }

    private long parameterCount;

    private void writeCard(TrainingOptions options, List<EpochReport> reports, int epoch, String command, long start) {
        try {
            long bytes = Files.size(out.resolve(options.name() + ".params"));
            ModelCard.write(out.resolve(options.name() + ".md"), options, reports, epoch, keptSha, bytes,
                    parameterCount, command, (System.nanoTime() - start) / 1e9, threads, gradientCheck);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> commandLine() {
        List<String> args = new java.util.ArrayList<>(List.of("--task", task, "--train-images",
                Integer.toString(trainImages), "--val-images", Integer.toString(validationImages), "--epochs",
                Integer.toString(epochs), "--batch", Integer.toString(batch), "--rounds", Integer.toString(rounds),
                "--train-samples", Integer.toString(trainSamples), "--lr", Float.toString(learningRate), "--wta",
                Float.toString(wta), "--latent", Integer.toString(latent), "--data-seed", Long.toString(dataSeed),
                "--seed", Long.toString(seed), "--clip-norm", Float.toString(clipNorm), "--threads",
                Integer.toString(threads), "--variant", variant));
        if (profileFraction > 0f) {
            args.addAll(List.of("--profile-fraction", Float.toString(profileFraction)));
        }
        if (ancestral) {
            args.add("--ancestral");
        }
        if (latentPiEstimate) {
            args.add("--latent-pi-estimate");
        }
        if (targetSamples > 0) {
            args.addAll(List.of("--target-samples", Integer.toString(targetSamples)));
        }
        if (raters != null) {
            args.addAll(List.of("--raters", raters.toString()));
        }
        if (!heldOut.isEmpty()) {
            args.addAll(List.of("--held-out", String.join(",", heldOut.stream().map(String::valueOf).toList())));
        }
        if (name != null) {
            args.addAll(List.of("--name", name));
        }
        args.addAll(List.of("--out", out.toString()));
        return args;
    }
}
