package org.spagateway.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.spagateway.app.AllInOneGateway;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventType;
import org.spagateway.events.Topic;
import org.spagateway.evaluation.LatencySummary;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.spa.model.ModelImage;
import org.spagateway.spa.model.SpaModel;
import org.spagateway.spa.model.SpaPredictor;
import org.spagateway.spa.model.SpaSession;
import org.spagateway.spa.model.TrainingInputs;
import org.spagateway.spa.model.data.MultiRaterGenerator;
import org.spagateway.spa.model.data.MultiRaterSample;
import org.spagateway.spa.model.data.RaterPanel;
import org.spagateway.spa.model.data.Task;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Choice accepted -> next CandidatesReady, end to end on the all-in-one stack: a synthetic fundus study is sent
 * with storescu, sessions are started for simulated clinicians over the choice API ({@code POST /sessions}), and
 * each clinician chooses a candidate round after round ({@code POST /choices}, up to the paper's 6 rounds per
 * session). Latency = from sending the choice to consuming the next round's CandidatesReady (so it includes HTTP,
 * the ledger, Kafka both ways, the worker's round, the SEG and the state). Baseline, in the same JVM after the
 * stack has stopped: the bare model round ({@code SpaSession.choose}) on a synthetic image, so the ratio says what
 * the integration adds. Prints Markdown.
 */
@Command(name = "choice-latency", mixinStandardHelpOptions = true,
        description = "Choice accepted -> next CandidatesReady, p50/p95 (synthetic fundus, simulated clinicians).")
public final class ChoiceLatencyBenchmark implements Callable<Integer> {

    /** Issue 18: choice accepted to the next CandidatesReady, p95, on 2 cores. */
    private static final int GOAL_P95_MS = 200;

    private static final EventCodec CODEC = new EventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS_PER_SESSION = 6;

    @Option(names = "--choices", description = "Choices measured (default ${DEFAULT-VALUE}).")
    int choices = 200;

    @Option(names = "--size", description = "Photograph size in pixels (default ${DEFAULT-VALUE}).")
    int size = 512;

    @Option(names = "--torch-threads", description = "PyTorch intra-op threads (default ${DEFAULT-VALUE}).")
    int torchThreads = 1;

    @Option(names = "--sample-threads",
            description = "Threads that decode a round's samples together: spa.worker.sample-threads, a number or "
                    + "auto (default ${DEFAULT-VALUE}, as the worker).")
    String sampleThreads = "auto";

    @Option(names = "--model", description = "Optic-cup model (default ${DEFAULT-VALUE}).")
    Path model = Path.of("models/spa-optic-cup.params");

    private final HttpClient http = HttpClient.newHttpClient();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChoiceLatencyBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(torchThreads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Path work = Files.createTempDirectory("spa-choice-bench-");
        GeneratedStudy study = new SyntheticStudyGenerator().generate(
                StudySpec.of(DemoTask.FUNDUS, 1, 5000).withSize(size), work.resolve("study"));
        LatencySummary endToEnd = new LatencySummary(TimeUnit.MILLISECONDS);
        LatencySummary afterAccept = new LatencySummary(TimeUnit.MILLISECONDS);
        try (AllInOneGateway gateway = AllInOneGateway.start(config(work));
             KafkaConsumer<String, String> events = consumer(gateway.bootstrapServers())) {
            URI api = URI.create(gateway.choiceApiUri().orElseThrow());
            send(gateway, study);
            String firstSession = awaitRound(events, null, 1, Duration.ofMinutes(2)).sessionId();
            int measured = 0;
            for (int clinician = 1; measured < choices; clinician++) {
                String session = startSession(api, events, firstSession, "bench-clinician-" + clinician);
                for (int round = 1; round < ROUNDS_PER_SESSION && measured < choices; round++, measured++) {
                    int rank = 1 + (round + clinician) % 4;
                    long t0 = System.nanoTime();
                    HttpResponse<String> accepted = post(api, "/choices", "{\"sessionId\":\"" + session
                            + "\",\"round\":" + round + ",\"decision\":\"CANDIDATE\",\"candidate\":{\"rank\":" + rank
                            + ",\"segmentNumber\":" + (rank + 1) + "},\"clinician\":{\"id\":\"bench-clinician-"
                            + clinician + "\"}}");
                    long tAccepted = System.nanoTime();
                    if (accepted.statusCode() != 202) {
                        throw new IllegalStateException("choice refused: " + accepted.body());
                    }
                    awaitRound(events, session, round + 1, Duration.ofSeconds(30));
                    long t1 = System.nanoTime();
                    endToEnd.record(Duration.ofNanos(t1 - t0));
                    afterAccept.record(Duration.ofNanos(t1 - tAccepted));
                }
            }
        }
        LatencySummary bare = bareRounds(Math.min(choices, 100));
        report(endToEnd, afterAccept, bare);
        return 0;
    }

    /** Starts a session for a clinician on the study's image and waits for its round 1; returns its id. */
    private String startSession(URI api, KafkaConsumer<String, String> events, String fromSession, String clinician)
            throws Exception {
        HttpResponse<String> started = post(api, "/sessions", "{\"fromSession\":\"" + fromSession
                + "\",\"clinician\":{\"id\":\"" + clinician + "\"}}");
        if (started.statusCode() != 202) {
            throw new IllegalStateException("session refused: " + started.body());
        }
        String session = JSON.readTree(started.body()).path("sessionId").asText();
        awaitRound(events, session, 1, Duration.ofSeconds(60));
        return session;
    }

    private HttpResponse<String> post(URI api, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The CandidatesReady of {@code round} of {@code session} (any session when null), consumed now. */
    private static CandidatesReady awaitRound(KafkaConsumer<String, String> events, String session, int round,
                                              Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(5))) {
                CandidatesReady ready = CODEC.<CandidatesReady>decode(record.value(), EventType.CANDIDATES_READY)
                        .data();
                if ((session == null || session.equals(ready.sessionId())) && ready.round() == round) {
                    return ready;
                }
            }
        }
        throw new IllegalStateException("no round " + round + " of " + session + " within " + wait);
    }

    /** The bare model round ({@code SpaSession.choose}) on a synthetic optic-cup image, sessions of 6 rounds. */
    private LatencySummary bareRounds(int rounds) throws Exception {
        LatencySummary timings = new LatencySummary(TimeUnit.MILLISECONDS);
        try (SpaModel spa = SpaModel.load(model); SpaPredictor predictor = spa.newPredictor(resolvedSampleThreads())) {
            MultiRaterSample sample = MultiRaterGenerator.standard(RaterPanel.defaults(Task.fromId(spa.info().task())))
                    .sample(MultiRaterGenerator.seedOf(1, MultiRaterGenerator.Split.TEST, 0));
            ModelImage image = ModelImage.of(sample);
            SpaSession session = null;
            for (int i = -10; i < rounds; i++) {
                if (session == null || session.state().round() >= ROUNDS_PER_SESSION) {
                    session = SpaSession.start(predictor, image,
                            TrainingInputs.initialClick(sample, new SplittableRandom(i + 100)), null, i + 1000L);
                }
                long t0 = System.nanoTime();
                session.choose(Math.floorMod(i, 4));
                if (i >= 0) {
                    timings.record(Duration.ofNanos(System.nanoTime() - t0));
                }
            }
        }
        return timings;
    }

    /** The worker's sample threads with this run's options ({@code WorkerConfig#sampleThreadsFor}). */
    private int resolvedSampleThreads() {
        return WorkerConfig.from(ConfigSource.of(Map.of(WorkerConfig.ENABLED, "false",
                WorkerConfig.SAMPLE_THREADS, sampleThreads)))
                .sampleThreadsFor(Runtime.getRuntime().availableProcessors(), torchThreads);
    }

    /** Nearest-rank percentiles in whole milliseconds ({@link LatencySummary}). */
    private void report(LatencySummary endToEnd, LatencySummary afterAccept, LatencySummary bare) {
        long p50 = endToEnd.percentile(50);
        long p95 = endToEnd.percentile(95);
        long bare50 = bare.percentile(50);
        long bare95 = bare.percentile(95);
        System.out.printf(Locale.ROOT, "%n## Choice -> next CandidatesReady (%s)%n%n", MachineDescription.cpuModel());
        System.out.printf(Locale.ROOT, "%d choices, %dx%d synthetic fundus, %d sample thread(s) x %d PyTorch "
                + "intra-op thread(s), %s%n%n", endToEnd.count(), size, size, resolvedSampleThreads(), torchThreads,
                MachineDescription.java());
        System.out.println("| measure | p50 ms | p95 ms | max ms |");
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| choice sent -> next CandidatesReady consumed | %d | %d | %d |%n", p50, p95,
                endToEnd.max());
        System.out.printf(Locale.ROOT, "| 202 Accepted received -> next CandidatesReady consumed | %d | %d | %d |%n",
                afterAccept.percentile(50), afterAccept.percentile(95), afterAccept.max());
        System.out.printf(Locale.ROOT, "| baseline: bare model round (SpaSession.choose, same JVM) | %d | %d | %d |%n",
                bare50, bare95, bare.max());
        System.out.printf(Locale.ROOT, "%nRatio end to end / bare round: p50 %.2fx, p95 %.2fx. Goal p95 <= %d ms (issue 18): %s%n",
                (double) p50 / bare50, (double) p95 / bare95, GOAL_P95_MS, p95 <= GOAL_P95_MS ? "met" : "MISSED");
    }

    private static void send(AllInOneGateway gateway, GeneratedStudy study) throws Exception {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", "STORESCU", "-aec",
                gateway.dicomAeTitle(), "127.0.0.1", Integer.toString(gateway.dicomPort())));
        study.files().forEach(file -> command.add(file.toString()));
        Process storescu = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(storescu.getInputStream().readAllBytes());
        if (storescu.waitFor() != 0) {
            throw new IllegalStateException("storescu failed: " + output);
        }
    }

    private ConfigSource config(Path work) {
        Map<String, String> properties = new HashMap<>();
        properties.put("spa.kafka.embedded.data-dir", work.resolve("kafka").toString());
        properties.put("spa.kafka.embedded.port", "0");
        properties.put("spa.listener.port", "0");
        properties.put("spa.listener.storage-root", work.resolve("dicom").toString());
        properties.put("spa.listener.calling-aes", "STORESCU@127.0.0.1");
        properties.put("spa.listener.completeness.expected-count.modality.OP", "1");
        properties.put("spa.worker.model.fundus-optic-cup", model.toString());
        properties.put("spa.worker.model.ct-lung-nodule", "");
        properties.put("spa.worker.output-root", work.resolve("results").toString());
        properties.put("spa.worker.sample-threads", sampleThreads);
        properties.put("spa.sessions.root", work.resolve("sessions").toString());
        properties.put("spa.profiles.state-dir", work.resolve("profiles").toString());
        properties.put("spa.choices.port", "0");
        properties.put("spa.health.port", "0");
        properties.put("spa.fhir.embedded.enabled", "false");
        properties.put("spa.fhir.adapter.enabled", "false");
        return ConfigSource.load(properties, Optional.empty());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "group.id", "choice-latency-benchmark", "auto.offset.reset", "earliest"), new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(Topic.CANDIDATES_READY.name()));
        return consumer;
    }
}
