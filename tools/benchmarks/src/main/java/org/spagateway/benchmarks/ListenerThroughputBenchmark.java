package org.spagateway.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * C-STORE throughput of this project's listener against dcmtk {@code storescp} and Orthanc, on this machine, in
 * one run: each round sends a new synthetic CT study of N instances to every target with one {@code storescu}
 * association (TCP_NODELAY=1 on both ends), in a rotated order so that no target always goes first. The listener
 * runs twice, with and without {@code spa.listener.storage.fsync}, because the SCPs it is compared with promise
 * different things at C-STORE success (see {@link StorescpTarget} and {@link OrthancTarget}). The figure is
 * instances per second from association request to release, the median over rounds; goals are stated as ratios
 * to the other SCPs measured in the same run, because these machines are noisy.
 */
@Command(name = "listener-throughput", mixinStandardHelpOptions = true,
        description = "C-STORE throughput: spa-gateway listener vs dcmtk storescp vs Orthanc (synthetic CT).")
public final class ListenerThroughputBenchmark implements Callable<Integer> {

    private static final String CALLING_AE = "BENCH";

    @Option(names = "--instances", description = "Instances per round (default ${DEFAULT-VALUE}).")
    int instances = 500;

    @Option(names = "--rounds", description = "Measured rounds per target (default ${DEFAULT-VALUE}).")
    int rounds = 5;

    @Option(names = "--size", description = "CT matrix size in pixels (default ${DEFAULT-VALUE}).")
    int size = 256;

    @Option(names = "--work-dir", description = "Scratch folder (default: a new temporary folder).")
    Path workDir;

    @Option(names = "--warm-up-rounds", description = "Untimed rounds per target first (default ${DEFAULT-VALUE}).")
    int warmUpRounds = 2;

    @Option(names = "--settle-ms", description = "Pause before each timed association (default ${DEFAULT-VALUE}).")
    long settleMillis = 3000;

    @Override
    public Integer call() throws Exception {
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("spa-bench-");
        int allRounds = warmUpRounds + rounds;
        System.out.printf("Generating %d rounds x %d synthetic CT instances (%dx%d) under %s%n", allRounds,
                instances, size, size, work);
        List<GeneratedStudy> studies = new ArrayList<>();
        SyntheticStudyGenerator generator = new SyntheticStudyGenerator();
        for (int round = 0; round < allRounds; round++) {
            studies.add(generator.generate(StudySpec.of(DemoTask.CT, instances, 9000 + round).withSize(size),
                    work.resolve("studies").resolve("round-" + round)));
        }
        List<ThroughputSample> samples = new ArrayList<>();
        List<StoreTarget> targets = new ArrayList<>();
        try {
            targets.add(SpaListenerTarget.start(work, CALLING_AE, true));
            targets.add(SpaListenerTarget.start(work, CALLING_AE, false));
            targets.add(StorescpTarget.start(work));
            targets.add(OrthancTarget.start(work));
            for (int round = 0; round < warmUpRounds; round++) {
                for (StoreTarget target : targets) {
                    send(target, studies.get(round), 0);
                }
            }
            for (int round = 1; round <= rounds; round++) {
                List<StoreTarget> order = new ArrayList<>(targets);
                Collections.rotate(order, round);
                for (StoreTarget target : order) {
                    settle();
                    samples.add(send(target, studies.get(warmUpRounds + round - 1), round));
                }
            }
            verifyNothingLost(targets, (long) instances * allRounds);
        } finally {
            for (StoreTarget target : targets) {
                target.close();
            }
        }
        List<String> names = targets.stream().map(StoreTarget::name).toList();
        System.out.printf("%n%s", new ThroughputReport(samples).markdown(names, names.subList(0, 2)));
        System.out.printf("%nDurability at C-STORE success: listener (fsync) fdatasyncs the file and fsyncs its "
                + "folder; listener (no fsync) and dcmtk storescp leave the data in the page cache; Orthanc fdatasyncs "
                + "the file (SyncStorageArea).%n");
        System.out.printf("%nMachine: %d cores (%s), %s; %s%n", Runtime.getRuntime().availableProcessors(),
                MachineDescription.cpuModel(), MachineDescription.java(), StorescpTarget.version().get(0));
        return 0;
    }

    /**
     * Keeps one target's deferred work out of the next target's time: Orthanc processes a study StableAge (2 s)
     * after its last instance, and the kernel writes back the page cache that storescp and the listener fill.
     */
    private void settle() throws InterruptedException {
        Thread.sleep(settleMillis);
    }

    private static ThroughputSample send(StoreTarget target, GeneratedStudy study, int round) throws IOException {
        long start = System.nanoTime();
        Dcmtk.Result result = Dcmtk.run(storescu(target, study), Duration.ofMinutes(5));
        long elapsed = System.nanoTime() - start;
        if (!result.succeeded()) {
            throw new IOException(target.name() + ": storescu failed: " + result.output());
        }
        ThroughputSample sample = new ThroughputSample(target.name(), round, study.files().size(), elapsed);
        System.out.printf(Locale.ROOT, "round %d  %-32s %6.0f instances/s%s%n", round, target.name(),
                sample.instancesPerSecond(), round == 0 ? " (warm-up, not counted)" : "");
        return sample;
    }

    private static List<String> storescu(StoreTarget target, GeneratedStudy study) {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", CALLING_AE, "-aec", target.aeTitle(),
                "127.0.0.1", Integer.toString(target.port())));
        study.files().forEach(file -> command.add(file.toString()));
        return command;
    }

    private static void verifyNothingLost(List<StoreTarget> targets, long expected) throws Exception {
        for (StoreTarget target : targets) {
            long stored = awaitStored(target, expected);
            if (stored != expected) {
                throw new IllegalStateException(target.name() + " holds " + stored + " instances, expected "
                        + expected);
            }
        }
    }

    /** The listener announces a study once complete (at once here: the studies declare their size). */
    private static long awaitStored(StoreTarget target, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long stored = target.storedInstances();
        while (stored < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            stored = target.storedInstances();
        }
        return stored;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ListenerThroughputBenchmark()).execute(args));
    }
}
