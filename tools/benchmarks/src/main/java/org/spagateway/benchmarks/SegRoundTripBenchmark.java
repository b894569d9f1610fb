package org.spagateway.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.spagateway.app.AllInOneGateway;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.SegmentationExported;
import org.spagateway.events.StudyReceived;
import org.spagateway.events.Topic;
import org.spagateway.evaluation.LatencySummary;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.FreePorts;
import org.spagateway.test.harness.OrthancProcess;
import org.spagateway.test.harness.PostgresProcess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole loop with a real PACS, per study: Orthanc auto-routes an uploaded fundus photograph to the listener,
 * the router requests the optic-cup task, the worker runs round 1 and writes the SEG, the export route C-STOREs it
 * back to Orthanc. Latency = the listener's last-instance-received time ({@code StudyReceived.lastReceivedAt}) to
 * the export's success ({@code SegmentationExported} time), both taken from the gateway's clock. Two phases:
 * sequential (one study at a time: latency without queueing, p50/p95) and burst (all studies uploaded at once:
 * throughput of the whole chain with the configured worker threads). Prints Markdown.
 */
@Command(name = "seg-round-trip", mixinStandardHelpOptions = true,
        description = "Last instance received -> SEG stored in Orthanc, p50/p95, and throughput (synthetic fundus).")
public final class SegRoundTripBenchmark implements Callable<Integer> {

    private static final EventCodec CODEC = new EventCodec();

    @Option(names = "--studies", description = "Studies in each phase (default ${DEFAULT-VALUE}).")
    int studies = 50;

    @Option(names = "--size", description = "Photograph size in pixels (default ${DEFAULT-VALUE}).")
    int size = 512;

    @Option(names = "--threads", description = "Worker threads (per worker process) (default ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = "--sample-threads", description = "spa.worker.sample-threads: a number or auto (default "
            + "${DEFAULT-VALUE}, as the worker).")
    String sampleThreads = "auto";

    @Option(names = "--worker-processes", description = "0: the worker runs inside the gateway (the all-in-one);"
            + " N: N separate worker JVMs, one consumer group, the session ledger on PostgreSQL"
            + " (default ${DEFAULT-VALUE}).")
    int workerProcesses = 0;

    @Option(names = "--model", description = "Optic-cup model (default ${DEFAULT-VALUE}).")
    Path model = Path.of("models/spa-optic-cup.params");

    @Option(names = "--timeout-s", description = "Longest wait for one phase (default ${DEFAULT-VALUE}).")
    long timeoutSeconds = 900;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("spa-seg-bench-");
        int listenerPort = FreePorts.find();
        List<GeneratedStudy> sequential = generate(work.resolve("sequential"), 1000);
        List<GeneratedStudy> burst = generate(work.resolve("burst"), 2000);
        // Separate workers need the ledger in a database every process reaches (embedded H2 is one process's).
        try (PostgresProcess ledger = workerProcesses > 0 ? PostgresProcess.start() : null;
             OrthancProcess orthanc = OrthancProcess.start(work.resolve("orthanc"), "ORTHANC",
                     new OrthancProcess.Destination("SPA_GATEWAY", "127.0.0.1", listenerPort));
             AllInOneGateway gateway = AllInOneGateway.start(config(work, listenerPort, orthanc.dicomPort(),
                     Optional.ofNullable(ledger).map(PostgresProcess::jdbcUrl)));
             WorkerProcesses workers = startWorkers(work, gateway, Optional.ofNullable(ledger));
             KafkaConsumer<String, String> events = consumer(gateway.bootstrapServers())) {
            Map<String, Instant> received = new HashMap<>();
            Map<String, Instant> exported = new HashMap<>();
            upload(orthanc, sequential.get(0));
            await(events, received, exported, List.of(sequential.get(0)));
            LatencySummary latencies = new LatencySummary(TimeUnit.MILLISECONDS);
            for (GeneratedStudy study : sequential.subList(1, sequential.size())) {
                upload(orthanc, study);
                await(events, received, exported, List.of(study));
                latencies.record(Duration.between(received.get(study.studyInstanceUid()),
                        exported.get(study.studyInstanceUid())));
            }
            for (GeneratedStudy study : burst) {
                upload(orthanc, study);
            }
            await(events, received, exported, burst);
            Instant first = burst.stream().map(s -> received.get(s.studyInstanceUid())).min(Instant::compareTo)
                    .orElseThrow();
            Instant last = burst.stream().map(s -> exported.get(s.studyInstanceUid())).max(Instant::compareTo)
                    .orElseThrow();
            LatencySummary burstLatencies = new LatencySummary(TimeUnit.MILLISECONDS);
            for (GeneratedStudy study : burst) {
                burstLatencies.record(Duration.between(received.get(study.studyInstanceUid()),
                        exported.get(study.studyInstanceUid())));
            }
            report(latencies, burstLatencies, Duration.between(first, last));
        }
        return 0;
    }

    /**
     * Uploads through Orthanc's REST API, trying again when Orthanc closed an idle keep-alive connection just as the
     * client reused it ("header parser received no bytes"): a client-side race, not a failed store.
     */
    private static void upload(OrthancProcess orthanc, GeneratedStudy study) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                orthanc.upload(study.files().get(0));
                return;
            } catch (java.io.IOException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private List<GeneratedStudy> generate(Path directory, long seedBase) throws Exception {
        List<GeneratedStudy> out = new ArrayList<>();
        for (int i = 0; i < studies + (seedBase == 1000 ? 1 : 0); i++) {
            out.add(new SyntheticStudyGenerator().generate(StudySpec.of(DemoTask.FUNDUS, 1, seedBase + i)
                    .withSize(size), directory.resolve(String.valueOf(i))));
        }
        return out;
    }

    /** None (an empty set) when the worker runs inside the gateway. */
    private WorkerProcesses startWorkers(Path work, AllInOneGateway gateway, Optional<PostgresProcess> ledger)
            throws Exception {
        Map<String, String> shared = new HashMap<>(Map.of(
                "spa.kafka.embedded.enabled", "false",
                "spa.kafka.bootstrap-servers", gateway.bootstrapServers(),
                "spa.listener.enabled", "false",
                "spa.routes.enabled", "false",
                "spa.profiles.enabled", "false",
                "spa.fhir.embedded.enabled", "false",
                "spa.fhir.adapter.enabled", "false",
                "spa.demo.enabled", "false",
                "spa.worker.enabled", "true"));
        shared.putAll(Map.of(
                "spa.worker.model.fundus-optic-cup", model.toAbsolutePath().toString(),
                "spa.worker.model.ct-lung-nodule", "",
                "spa.worker.threads", String.valueOf(threads),
                "spa.worker.sample-threads", sampleThreads));
        ledger.ifPresent(database -> shared.putAll(Map.of(
                "spa.sessions.jdbc-url", database.jdbcUrl(),
                "spa.sessions.jdbc-username", PostgresProcess.USER)));
        return WorkerProcesses.start(workerProcesses, work, shared);
    }

    private ConfigSource config(Path work, int listenerPort, int orthancPort, Optional<String> ledgerUrl) {
        Map<String, String> properties = new HashMap<>();
        properties.put("spa.worker.enabled", String.valueOf(workerProcesses == 0));
        ledgerUrl.ifPresent(url -> {
            properties.put("spa.sessions.jdbc-url", url);
            properties.put("spa.sessions.jdbc-username", PostgresProcess.USER);
        });
        properties.put("spa.kafka.embedded.data-dir", work.resolve("kafka").toString());
        properties.put("spa.kafka.embedded.port", "0");
        properties.put("spa.health.port", "0");
        properties.put("spa.listener.port", String.valueOf(listenerPort));
        properties.put("spa.listener.storage-root", work.resolve("dicom").toString());
        properties.put("spa.listener.calling-aes", "ORTHANC@127.0.0.1");
        properties.put("spa.listener.completeness.expected-count.modality.OP", "1");
        properties.put("spa.worker.model.fundus-optic-cup", model.toString());
        properties.put("spa.worker.model.ct-lung-nodule", "");
        properties.put("spa.worker.output-root", work.resolve("results").toString());
        properties.put("spa.worker.threads", String.valueOf(threads));
        properties.put("spa.worker.sample-threads", sampleThreads);
        properties.put("spa.export.destinations", "pacs");
        properties.put("spa.export.destination.pacs.ae-title", "ORTHANC");
        properties.put("spa.export.destination.pacs.host", "127.0.0.1");
        properties.put("spa.export.destination.pacs.port", String.valueOf(orthancPort));
        return ConfigSource.load(properties, Optional.empty());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "group.id", "seg-round-trip-benchmark", "auto.offset.reset", "earliest"), new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(Topic.STUDY_RECEIVED.name(), Topic.SEGMENTATION_EXPORTED.name()));
        return consumer;
    }

    private void await(KafkaConsumer<String, String> events, Map<String, Instant> received,
                       Map<String, Instant> exported, List<GeneratedStudy> studies) {
        Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
        while (studies.stream().anyMatch(s -> !exported.containsKey(s.studyInstanceUid()))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("SEGs not exported within " + timeoutSeconds + " s");
            }
            for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(200))) {
                if (record.topic().equals(Topic.STUDY_RECEIVED.name())) {
                    StudyReceived study = CODEC.<StudyReceived>decode(record.value(), EventType.STUDY_RECEIVED)
                            .data();
                    if (study.version() == 1) {
                        received.put(study.studyInstanceUid(), study.lastReceivedAt());
                    }
                } else {
                    EventEnvelope<SegmentationExported> event = CODEC.decode(record.value(),
                            EventType.SEGMENTATION_EXPORTED);
                    exported.putIfAbsent(event.data().studyInstanceUid(), event.occurredAt());
                }
            }
        }
    }

    /** Nearest-rank percentiles in whole milliseconds ({@link LatencySummary}). */
    private void report(LatencySummary sequential, LatencySummary burst, Duration burstWall) {
        System.out.printf("%n| phase | studies | p50 ms | p95 ms | max ms | throughput |%n");
        System.out.printf("|---|---|---|---|---|---|%n");
        System.out.printf("| sequential (one study at a time) | %d | %d | %d | %d | |%n", sequential.count(),
                sequential.percentile(50), sequential.percentile(95), sequential.max());
        System.out.printf("| burst (%d uploaded at once, %s) | %d | %d | %d | %d | %.2f studies/s |%n",
                burst.count(), (workerProcesses == 0 ? threads + " worker thread(s) in the gateway"
                        : workerProcesses + " worker process(es) x " + threads + " thread(s)")
                        + ", sample threads " + sampleThreads + " (interactive rounds only)", burst.count(),
                burst.percentile(50), burst.percentile(95), burst.max(),
                burst.count() / (burstWall.toMillis() / 1000.0));
        System.out.printf("%nMachine: %d cores, %s, %s; source %dx%d synthetic OP, model %s.%n",
                Runtime.getRuntime().availableProcessors(), MachineDescription.cpuModel(),
                MachineDescription.java(), size, size, model.getFileName());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SegRoundTripBenchmark()).execute(args));
    }
}
