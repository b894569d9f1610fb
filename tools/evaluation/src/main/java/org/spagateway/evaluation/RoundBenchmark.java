package org.spagateway.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.spagateway.spa.model.InferenceRecipe;
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
 * over repeated rounds, per stage (encoder, prompt, fusion, decoder, K-means, analysis), the FLOPs of a round and
 * the share it reaches of the achievable peak ({@link MatmulPeak}, measured in the same run before and after the
 * rounds) and of the machine's nominal peak.
 */
@Command(name = "spa-round-benchmark", mixinStandardHelpOptions = true)
public final class RoundBenchmark implements Callable<Integer> {

    /** Side of the square FP32 matrices whose product measures the achievable peak (17 GFLOP per multiply). */
    private static final int PEAK_MATRIX = 2048;
    private static final int PEAK_REPETITIONS = 5;

    @Option(names = "--model", defaultValue = "models/spa-optic-cup.params")
    Path model;
    @Option(names = "--rounds", defaultValue = "60", description = "timed rounds (after warm-up)")
    int rounds;
    @Option(names = "--warmup", defaultValue = "10")
    int warmup;
    @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads")
    int threads;
    @Option(names = "--sample-threads", defaultValue = "1",
            description = "threads that decode a round's samples together (spa.worker.sample-threads)")
    int sampleThreads;
    @Option(names = "--peak-gflops", defaultValue = "0",
            description = "machine peak FP32 GFLOP/s (0: cores x GHz x 64, i.e. two 512-bit FMA pipes per core)")
    double peakGflops;
    @Option(names = "--compare-reference",
            description = "also time the reference path (plain forward pass) interleaved with this one")
    boolean compareReference;
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
        // The paper's recipe, as the plain forward pass it is compared with: a shipped recipe only adds a few
        // operations on the M = 16 weights to the prompt stage (InferenceRecipe.samplingPi).
        try (SpaModel spa = SpaModel.load(model);
             SpaPredictor predictor = spa.newPredictor(sampleThreads, InferenceRecipe.PAPER)) {
            Task task = Task.fromId(spa.info().task());
            MultiRaterSample sample = MultiRaterGenerator.standard(RaterPanel.defaults(task))
                    .sample(MultiRaterGenerator.seedOf(1, MultiRaterGenerator.Split.TEST, 0));
            ModelImage image = ModelImage.of(sample);
            SpaSession session = SpaSession.start(predictor, image,
                    TrainingInputs.initialClick(sample, new java.util.SplittableRandom(1)), null, 1);
            double peakBefore = achievablePeak();
            LatencySummary timings = new LatencySummary(TimeUnit.MICROSECONDS);
            StageSummary stages = new StageSummary();
            // CPU time per round, much less disturbed than wall-clock time by other work on a shared machine: of the
            // whole process (the JVM's own threads included; the kernel counts it in 10 ms ticks) and of the calling
            // thread (with 1 intra-op thread PyTorch runs every operation on it: then it is the round's whole work).
            LatencySummary cpuTimes = new LatencySummary(TimeUnit.MICROSECONDS);
            LatencySummary threadTimes = new LatencySummary(TimeUnit.MICROSECONDS);
            java.lang.management.ThreadMXBean threadCpu = java.lang.management.ManagementFactory.getThreadMXBean();
            com.sun.management.OperatingSystemMXBean processCpu = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) threadCpu;
            long allocated = 0;
            int tokens = 2;
            int reused = 0;
            for (int i = -warmup; i < rounds; i++) {
                if (session.state().round() >= 6) {
                    session = SpaSession.start(predictor, image, session.state().clicks().get(0), null, i + 1000L);
                }
                long a0 = allocation.getCurrentThreadAllocatedBytes();
                long c0 = processCpu.getProcessCpuTime();
                long u0 = threadCpu.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                RoundResult round = session.choose(i % 4 < 0 ? 0 : i % 4);
                long t1 = System.nanoTime();
                long u1 = threadCpu.getCurrentThreadCpuTime();
                long c1 = processCpu.getProcessCpuTime();
                long a1 = allocation.getCurrentThreadAllocatedBytes();
                if (i >= 0) {
                    timings.record(Duration.ofNanos(t1 - t0));
                    cpuTimes.record(Duration.ofNanos(c1 - c0));
                    threadTimes.record(Duration.ofNanos(u1 - u0));
                    allocated += a1 - a0;
                    stages.record(round.timings());
                    reused += round.timings().embeddingReused() ? 1 : 0;
                    tokens = round.state().clicks().size() + 1;
                }
            }
            double allocatedKb = allocated / 1024.0 / rounds;
            String comparison = compareReference ? compareWithReference(predictor, session, image) : "";
            double peakAfter = achievablePeak();
            double achievable = Math.max(peakBefore, peakAfter);
            double p50 = timings.percentile(50) / 1e3;
            double p95 = timings.percentile(95) / 1e3;
            Flops.Breakdown flops = Flops.round(spa.config(), tokens);
            // The encoder's FLOPs count only in rounds that ran it (a reused embedding skips it).
            double gflop = 2.0 * (flops.total(10) - (double) flops.encoder() * reused / rounds) / 1e9;
            int cores = Runtime.getRuntime().availableProcessors();
            double ghz = ghz();
            double peak = peakGflops > 0 ? peakGflops : cores * ghz * 64;
            String isa = System.getenv().getOrDefault("ONEDNN_MAX_CPU_ISA", "default (widest the CPU has)");
            String result = String.format(Locale.ROOT, "model %s, %dx%d input, N = %d, K = %d, %d sample thread(s) x %d PyTorch "
                    + "intra-op thread(s), "
                    + "CPU %s, oneDNN ISA %s: "
                    + "one round p50 %.1f ms, p95 %.1f ms (min %.1f, max %.1f, %d rounds after %d warm-up, image "
                    + "embedding reused in %d); %.3f GFLOP per round (encoder %.3f when run, %d samples x %.4f, "
                    + "K-means ~%.3f); %.1f GFLOP/s at p50 = %.1f%% of the achievable peak (FP32 %dx%d matmul, same "
                    + "engine and threads%s: %.1f GFLOP/s before the rounds, %.1f after) = %.1f%% of a "
                    + "nominal peak of "
                    + "%.0f GFLOP/s (%d cores x %.2f GHz x 64 FP32 FLOP/cycle)",
                    spa.version(), spa.config().imageSize(), spa.config().imageSize(), spa.config().samples(),
                    spa.config().clusters(), sampleThreads, threads, cpuModel(), isa, p50, p95, timings.min() / 1e3,
                    timings.max() / 1e3, rounds, warmup, reused, gflop,
                    2.0 * flops.encoder() / 1e9, flops.samples(), 2.0 * flops.perSampleDecoder() / 1e9,
                    2.0 * flops.kmeansPerIteration() * 10 / 1e9, gflop / (p50 / 1e3),
                    100 * gflop / (p50 / 1e3) / achievable, PEAK_MATRIX, PEAK_MATRIX, sampleThreads == 1 ? "" : ", the faster of " + sampleThreads
                            + " at once and one with all " + sampleThreads * threads + " as intra-op threads", peakBefore, peakAfter,
                    100 * gflop / (p50 / 1e3) / peak, peak, cores, ghz);
            boolean preTouched = preTouched();
            String perStage = String.format(Locale.ROOT, "CPU time per round: process p50 %.0f ms, p95 %.0f ms, "
                    + "calling thread p50 %.1f ms, p95 %.1f ms; Java heap the calling thread allocates per round %.0f kB "
                    + "(heap %s); ",
                    cpuTimes.percentile(50) / 1e3, cpuTimes.percentile(95) / 1e3, threadTimes.percentile(50) / 1e3,
                    threadTimes.percentile(95) / 1e3, allocatedKb, preTouched ? "pre-touched, -XX:+AlwaysPreTouch"
                            : "NOT pre-touched: the rounds also pay the first touch of new heap pages")
                    + "per stage, p50 / p95 ms: " + stages.describe();
            if (threads * sampleThreads > cores) {
                log.warn("{} sample threads x {} intra-op threads is more than the {} cores: they take turns",
                        sampleThreads, threads, cores);
            }
            if (!preTouched) {
                log.warn("Run with -XX:+AlwaysPreTouch, as the worker runs (docs/worker.md, CPU settings): without "
                        + "it a fresh JVM's rounds also pay a page fault for each new 4 KB page of heap they allocate");
            }
            log.info(result);
            log.info(perStage);
            if (compareReference) {
                log.info(comparison);
            }
            if (out != null) {
                Files.createDirectories(out.getParent());
                Files.writeString(out, "# One SPA round on this CPU\n\n" + result + ".\n\n" + perStage
                        + (compareReference ? ".\n\n" + comparison : "") + ".\n\nCommand: `spa-round-benchmark "
                        + String.join(" ", List.of("--model", model.toString(), "--rounds", Integer.toString(rounds),
                        "--warmup", Integer.toString(warmup), "--threads", Integer.toString(threads),
                        "--sample-threads", Integer.toString(sampleThreads)))
                        + (compareReference ? " --compare-reference" : "") + "`\n");
            }
        }
        return 0;
    }

    /**
     * The same round requests through {@link SpaPredictor#runReference} (the network's plain forward pass: the
     * encoder every round, the decoder's head as oneDNN's convolution) and {@link SpaPredictor#run}, interleaved, so
     * both see the same machine load.
     */
    private String compareWithReference(SpaPredictor predictor, SpaSession session, ModelImage image) {
        SpaModel spa = predictor.model();
        SpaPredictor.RoundRequest request = new SpaPredictor.RoundRequest(
                image, session.state().clicks(),
                session.state().piInput(), 7, spa.config().samples());
        LatencySummary reference = new LatencySummary(TimeUnit.MICROSECONDS);
        LatencySummary fast = new LatencySummary(TimeUnit.MICROSECONDS);
        for (int i = -2; i < rounds; i++) {
            long t0 = System.nanoTime();
            predictor.runReference(request);
            long t1 = System.nanoTime();
            predictor.run(request);
            long t2 = System.nanoTime();
            if (i >= 0) {
                reference.record(Duration.ofNanos(t1 - t0));
                fast.record(Duration.ofNanos(t2 - t1));
            }
        }
        return String.format(Locale.ROOT, "interleaved with the reference path (%d pairs of the same round): "
                + "reference p50 %.1f ms, p95 %.1f ms; this path p50 %.1f ms, p95 %.1f ms; speed-up at p50 %.2fx",
                rounds, reference.percentile(50) / 1e3, reference.percentile(95) / 1e3, fast.percentile(50) / 1e3,
                fast.percentile(95) / 1e3, (double) reference.percentile(50) / fast.percentile(50));
    }

    /**
     * The achievable peak of the threads a round uses: with several sample threads the faster of that many multiplies
     * at once (as the round runs them) and one multiply with all their threads as intra-op threads (MKL's own
     * split, faster on some machines), so the round's share is never flattered.
     */
    private double achievablePeak() throws InterruptedException {
        double asTheRoundRuns = MatmulPeak.measure(PEAK_MATRIX, PEAK_REPETITIONS, sampleThreads);
        return sampleThreads == 1 ? asTheRoundRuns : Math.max(asTheRoundRuns,
                MatmulPeak.measureWithIntraOpThreads(PEAK_MATRIX, PEAK_REPETITIONS, sampleThreads * threads));
    }

    /** Whether this JVM touched its heap at start ({@code -XX:+AlwaysPreTouch}), as the worker's does. */
    private static boolean preTouched() {
        return Boolean.parseBoolean(java.lang.management.ManagementFactory
                .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .getVMOption("AlwaysPreTouch").getValue());
    }

    /** The CPU's model name from /proc/cpuinfo. */
    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception e) {
            return "unknown";
        }
        return "unknown";
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
