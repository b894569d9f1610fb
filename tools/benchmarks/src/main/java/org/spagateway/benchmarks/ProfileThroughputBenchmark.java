package org.spagateway.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.preference.profiles.ChoiceLogProgress;
import org.spagateway.preference.profiles.PreferenceProfile;
import org.spagateway.preference.profiles.ProfileUpdate;
import org.spagateway.preference.profiles.ProfilesConfig;
import org.spagateway.preference.profiles.ProfilesRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Preference-profile updates per second on one node: an embedded broker pre-loaded with a synthetic choice log
 * (ChoiceApplied, M pi components), then, in each round and in alternating order, the profiles application
 * (exactly-once, RocksDB stores) and plain consumer-to-producer pass-throughs of the same records: at-least-once
 * (commit after flush) and transactional (offsets in the producer's transaction, like the application). A pass is
 * timed from its start to the commit of the offset after the last record, which under exactly-once commits together
 * with the last ProfileUpdated; the application's time includes its start-up (group join, changelog creation).
 * A warm-up round runs every pass once first, uncounted: a cold JVM decodes and validates several times slower
 * until the JIT has compiled the schema validator.
 */
@Command(name = "profile-throughput", mixinStandardHelpOptions = true,
        description = "Choice events -> preference profile updates per second, against consumer->producer baselines.")
public final class ProfileThroughputBenchmark implements Callable<Integer> {

    private static final String PASS_THROUGH_TOPIC = "bench.pass-through";
    private static final String APPLICATION = "profiles (exactly-once)";
    private static final String PLAIN = "pass-through (at-least-once)";
    private static final String TRANSACTIONAL = "pass-through (transactional)";
    private static final EventCodec CODEC = new EventCodec();

    @Option(names = "--clinicians", description = "Clinicians (default ${DEFAULT-VALUE}).")
    int clinicians = 500;

    @Option(names = "--tasks", description = "Tasks per clinician, 1-4 (default ${DEFAULT-VALUE}).")
    int tasks = 2;

    @Option(names = "--choices", description = "Choices per clinician and task (default ${DEFAULT-VALUE}).")
    int choicesPerProfile = 200;

    @Option(names = "--components", description = "Preference components M (default ${DEFAULT-VALUE}).")
    int components = 16;

    @Option(names = "--threads", description = "Kafka Streams threads of the application (default ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = "--rounds", description = "Measured rounds, each running every pass once (default ${DEFAULT-VALUE}).")
    int rounds = 2;

    @Option(names = "--warm-up-rounds", description = "Rounds run first and not counted, so that the JIT has compiled"
            + " the hot paths of every pass (default ${DEFAULT-VALUE}).")
    int warmUpRounds = 1;

    @Option(names = "--work-dir", description = "Scratch folder (default: a new temporary folder, deleted after).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("spa-profiles-bench-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(work.resolve("kafka"), 0))) {
            String bootstrap = broker.bootstrapServers();
            List<Topic> topics = new ArrayList<>(Topic.all());
            topics.add(new Topic(PASS_THROUGH_TOPIC, "clinician id", List.of(EventType.CHOICE_APPLIED),
                    Topic.CHOICE_APPLIED.partitions(), Duration.ofDays(1), false));
            TopicInitializer.forBootstrapServers(bootstrap).createMissing(topics);
            ChoiceLogGenerator log = new ChoiceLogGenerator(clinicians, tasks, choicesPerProfile, components);
            System.out.printf("Pre-loading %d ChoiceApplied events (%d clinicians x %d tasks x %d choices, M = %d)%n",
                    log.size(), clinicians, tasks, choicesPerProfile, components);
            long loadStart = System.nanoTime();
            long bytes = preload(bootstrap, log);
            System.out.printf(Locale.ROOT, "Pre-loaded %.0f MB in %.1f s%n%n", bytes / 1e6,
                    (System.nanoTime() - loadStart) / 1e9);

            List<Sample> samples = new ArrayList<>();
            for (int round = 1 - warmUpRounds; round <= rounds; round++) {
                List<String> order = Math.floorMod(round, 2) == 1 ? List.of(PLAIN, TRANSACTIONAL, APPLICATION)
                        : List.of(APPLICATION, TRANSACTIONAL, PLAIN);
                for (String pass : order) {
                    String load = loadAverage();
                    Sample sample = switch (pass) {
                        case APPLICATION -> application(bootstrap, work, round, log);
                        case PLAIN -> new Sample(PLAIN, round, log.size(),
                                new PassThroughBaseline(bootstrap, PASS_THROUGH_TOPIC, false).copy(round, log.size()), 0);
                        default -> new Sample(TRANSACTIONAL, round, log.size(),
                                new PassThroughBaseline(bootstrap, PASS_THROUGH_TOPIC, true).copy(round, log.size()), 0);
                    };
                    if (round > 0) {
                        samples.add(sample);
                    }
                    System.out.printf(Locale.ROOT, "round %d  %-30s %8.0f records/s  (%.1f s, start-up %.1f s;"
                            + " load average before: %s)%s%n", round, pass, sample.rate(), sample.nanos() / 1e9,
                            sample.startUpNanos() / 1e9, load, round > 0 ? "" : " (warm-up, not counted)");
                }
            }
            System.out.printf("%n%s", report(samples, log.size()));
            System.out.printf("%nMachine: %d cores (%s), %s%n", Runtime.getRuntime().availableProcessors(),
                    MachineDescription.cpuModel(), MachineDescription.java());
        } finally {
            if (workDir == null) {
                deleteRecursively(work);
            }
        }
        return 0;
    }

    private static long preload(String bootstrap, ChoiceLogGenerator log) throws Exception {
        // One request in flight: a freshly created partition can refuse the first batch while a later one is
        // accepted, which leaves an idempotent producer retrying the first forever.
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024), new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            long[] bytes = {0};
            log.forEach(event -> {
                byte[] value = CODEC.encodeBytes(event);
                bytes[0] += value.length;
                sent.add(producer.send(new ProducerRecord<>(Topic.CHOICE_APPLIED.name(), event.subject(), value)));
            });
            for (Future<RecordMetadata> acknowledgement : sent) {
                acknowledgement.get(2, TimeUnit.MINUTES);
            }
            return bytes[0];
        }
    }

    private Sample application(String bootstrap, Path work, int round, ChoiceLogGenerator log) throws Exception {
        String applicationId = "bench-profiles-" + round;
        ProfilesConfig config = ProfilesConfig.of(applicationId, work.resolve("state-" + round)).withThreads(threads);
        KafkaConfig kafka = KafkaConfig.forBootstrapServers(bootstrap);
        Map<TopicPartition, Long> before = endOffsets(bootstrap, Topic.PROFILE_UPDATED.name());
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            ChoiceLogProgress progress = new ChoiceLogProgress(admin, applicationId);
            Map<TopicPartition, Long> end = progress.endOffsets();
            long start = System.nanoTime();
            try (ProfilesRuntime runtime = ProfilesRuntime.start(config, kafka)) {
                long startUp = System.nanoTime() - start;
                if (!progress.awaitCommitted(end, Duration.ofMinutes(30))) {
                    throw new IllegalStateException("the application did not finish (state " + runtime.state() + ")");
                }
                long elapsed = System.nanoTime() - start;
                verifyProfile(runtime, log);
                long published = countCommitted(bootstrap, Topic.PROFILE_UPDATED.name(), before);
                if (published != log.size()) {
                    throw new IllegalStateException("expected " + log.size() + " ProfileUpdated, found " + published);
                }
                return new Sample(APPLICATION, round, log.size(), elapsed, startUp);
            }
        }
    }

    /** One clinician's profile from the application equals the update rule replayed here. */
    private void verifyProfile(ProfilesRuntime runtime, ChoiceLogGenerator log) {
        PreferenceProfile expected = null;
        for (int choice = 0; choice < choicesPerProfile; choice++) {
            EventEnvelope<ChoiceApplied> event = log.event(clinicians - 1, tasks - 1, choice);
            expected = ProfileUpdate.apply(expected, event.data());
        }
        PreferenceProfile actual = runtime.find(ChoiceLogGenerator.clinician(clinicians - 1),
                ChoiceLogGenerator.task(tasks - 1)).orElseThrow();
        if (!actual.equals(expected)) {
            throw new IllegalStateException("profile differs from the replayed rule: " + actual.lastChoiceEventId());
        }
    }

    private static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = readCommittedConsumer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** Committed records of {@code topic} after {@code from}, as a read-committed consumer sees them. */
    private static long countCommitted(String bootstrap, String topic, Map<TopicPartition, Long> from) {
        try (KafkaConsumer<String, byte[]> consumer = readCommittedConsumer(bootstrap)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (from.keySet().stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + topic + " to its end");
                }
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }

    private static KafkaConsumer<String, byte[]> readCommittedConsumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String report(List<Sample> samples, int records) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d ChoiceApplied records per pass.%n%n", records));
        out.append("| pass | median records/s | min | max | rounds |\n|---|---|---|---|---|\n");
        for (String pass : List.of(APPLICATION, PLAIN, TRANSACTIONAL)) {
            List<Double> rates = samples.stream().filter(s -> s.pass().equals(pass)).map(Sample::rate).sorted().toList();
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %d |%n", pass, median(rates),
                    rates.get(0), rates.get(rates.size() - 1), rates.size()));
        }
        List<Double> afterStartUp = samples.stream().filter(s -> s.pass().equals(APPLICATION))
                .map(Sample::rateAfterStartUp).sorted().toList();
        out.append(String.format(Locale.ROOT, "| %s, after start-up | %.0f | %.0f | %.0f | %d |%n", APPLICATION,
                median(afterStartUp), afterStartUp.get(0), afterStartUp.get(afterStartUp.size() - 1),
                afterStartUp.size()));
        double application = median(rates(samples, APPLICATION));
        out.append(String.format(Locale.ROOT, "%n- profiles / %s = **%.2fx**%n", PLAIN,
                application / median(rates(samples, PLAIN))));
        out.append(String.format(Locale.ROOT, "- profiles / %s = **%.2fx**%n", TRANSACTIONAL,
                application / median(rates(samples, TRANSACTIONAL))));
        return out.toString();
    }

    private static List<Double> rates(List<Sample> samples, String pass) {
        return samples.stream().filter(s -> s.pass().equals(pass)).map(Sample::rate).sorted().toList();
    }

    private static double median(List<Double> sorted) {
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** One timed pass over the choice log; {@code startUpNanos}: until the application ran (0 for pass-throughs). */
    private record Sample(String pass, int round, int records, long nanos, long startUpNanos) {
        double rate() {
            return records / (nanos / 1e9);
        }

        double rateAfterStartUp() {
            return records / ((nanos - startUpNanos) / 1e9);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProfileThroughputBenchmark()).execute(args));
    }
}
