package org.spagateway.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.spagateway.spa.model.ModelImage;
import org.spagateway.spa.model.RoundResult;
import org.spagateway.spa.model.SpaModel;
import org.spagateway.spa.model.SpaPredictor;
import org.spagateway.spa.model.SpaSession;
import org.spagateway.spa.model.TrainingInputs;
import org.spagateway.spa.model.data.MultiRaterGenerator;
import org.spagateway.spa.model.data.MultiRaterSample;
import org.spagateway.spa.model.data.RaterPanel;
import org.spagateway.spa.model.data.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One interactive round on the CPU, end to end as the worker runs it: encoder + N decoder samples + K-means +
 * state update ({@code SpaSession.choose}). Reports p50/p95 (nearest rank, {@link LatencySummary}, to the microsecond)
 * over repeated rounds, the FLOPs of a round and the share of the machine's nominal peak it reaches.
 */
@Command(name = "spa-round-benchmark", mixinStandardHelpOptions = true)
public final class RoundBenchmark implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "models/spa-optic-cup.params")
    Path model;
    @Option(names = "--rounds", defaultValue = "60", description = "timed rounds (after warm-up)")
    int rounds;
    @Option(names = "--warmup", defaultValue = "10")
    int warmup;
    @Option(names = "--threads", defaultValue = "2")
    int threads;
    @Option(names = "--peak-gflops", defaultValue = "0",
            description = "machine peak FP32 GFLOP/s (0: cores x GHz x 64, i.e. two 512-bit FMA pipes per core)")
    double peakGflops;
    @Option(names = "--out", description = "also write the Markdown result here")
    Path out;

    public static void main(String[] args) {
        System.setProperty("logback.configurationFile", "spa-model-logback.xml");
        System.exit(new CommandLine(new RoundBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Logger log = LoggerFactory.getLogger(RoundBenchmark.class);
        try (SpaModel spa = SpaModel.load(model); SpaPredictor predictor = spa.newPredictor()) {
            Task task = Task.fromId(spa.info().task());
            MultiRaterSample sample = MultiRaterGenerator.standard(RaterPanel.defaults(task))
                    .sample(MultiRaterGenerator.seedOf(1, MultiRaterGenerator.Split.TEST, 0));
            ModelImage image = ModelImage.of(sample);
            SpaSession session = SpaSession.start(predictor, image,
                    TrainingInputs.initialClick(sample, new java.util.SplittableRandom(1)), null, 1);
            LatencySummary timings = new LatencySummary(TimeUnit.MICROSECONDS);
            int tokens = 2;
            for (int i = -warmup; i < rounds; i++) {
                if (session.state().round() >= 6) {
                    session = SpaSession.start(predictor, image, session.state().clicks().get(0), null, i + 1000L);
                }
                long t0 = System.nanoTime();
                RoundResult round = session.choose(i % 4 < 0 ? 0 : i % 4);
                long t1 = System.nanoTime();
                if (i >= 0) {
                    timings.record(Duration.ofNanos(t1 - t0));
                    tokens = round.state().clicks().size() + 1;
                }
            }
            double p50 = timings.percentile(50) / 1e3;
            double p95 = timings.percentile(95) / 1e3;
            Flops.Breakdown flops = Flops.round(spa.config(), tokens);
            double gflop = 2.0 * flops.total(10) / 1e9;
            int cores = Runtime.getRuntime().availableProcessors();
            double ghz = ghz();
            double peak = peakGflops > 0 ? peakGflops : cores * ghz * 64;
            String result = String.format(Locale.ROOT, "model %s, %dx%d input, N = %d, K = %d, %d PyTorch thread(s): "
                    + "one round p50 %.1f ms, p95 %.1f ms (min %.1f, max %.1f, %d rounds after %d warm-up); "
                    + "%.3f GFLOP per round (encoder %.3f, %d samples x %.4f, K-means ~%.3f); %.1f GFLOP/s at p50 = "
                    + "%.1f%% of a nominal peak of %.0f GFLOP/s (%d cores x %.2f GHz x 64 FP32 FLOP/cycle)",
                    spa.version(), spa.config().imageSize(), spa.config().imageSize(), spa.config().samples(),
                    spa.config().clusters(), threads, p50, p95, timings.min() / 1e3, timings.max() / 1e3, rounds,
                    warmup, gflop,
                    2.0 * flops.encoder() / 1e9, flops.samples(), 2.0 * flops.perSampleDecoder() / 1e9,
                    2.0 * flops.kmeansPerIteration() * 10 / 1e9, gflop / (p50 / 1e3),
                    100 * gflop / (p50 / 1e3) / peak, peak, cores, ghz);
            log.info(result);
            if (out != null) {
                Files.createDirectories(out.getParent());
                Files.writeString(out, "# One SPA round on this CPU\n\n" + result + ".\n\nCommand: `spa-round-benchmark "
                        + String.join(" ", List.of("--model", model.toString(), "--rounds", Integer.toString(rounds),
                        "--warmup", Integer.toString(warmup), "--threads", Integer.toString(threads))) + "`\n");
            }
        }
        return 0;
    }

    /** Nominal clock from /proc/cpuinfo (cpu MHz), else BogoMIPS / 2. */
    private static double ghz() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("cpu MHz")) {
                    return Double.parseDouble(line.substring(line.indexOf(':') + 1).trim()) / 1000;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("bogomips")) {
                    return Double.parseDouble(line.substring(line.indexOf(':') + 1).trim()) / 2000;
                }
            }
        } catch (Exception e) {
            return 2.0;
        }
        return 2.0;
    }
}
