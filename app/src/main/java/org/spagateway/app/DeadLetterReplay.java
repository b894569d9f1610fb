package org.spagateway.app;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.KafkaConfig;

/**
 * Puts dead letters back where they came from: {@code spa.dead-letter} is read from its start to its end as of now
 * (no consumer group: replaying moves no service's offsets), the records the {@link DeadLetterFilter} takes are
 * published unchanged (key and value) to the topic in their {@code spa_dlq_source_topic} header, with a
 * {@value #REPLAYED_FROM} header naming the dead letter ({@code spa.dead-letter/<partition>/<offset>}), and each is
 * acknowledged before the next. Every consumer of that topic sees the record again; all of them are idempotent (event
 * ids, SEG UIDs and FHIR conditional creates derive from the event), so the component that gave up gets another
 * chance and the others repeat harmlessly. A dead letter without a source topic, or whose source is the dead-letter
 * topic itself, is skipped and counted.
 *
 * <pre>
 * java -cp spa-gateway-app.jar org.spagateway.app.DeadLetterReplay --bootstrap-servers HOST:PORT
 *     [--reason CODE]... [--component NAME] [--since ISO-INSTANT] [--until ISO-INSTANT] [--dry-run]
 * </pre>
 * The Kafka client security settings come from the environment as for the services
 * ({@code SPA_KAFKA_SECURITY_PROTOCOL}, {@code SPA_KAFKA_SASL_USERNAME}, ...: docs/configuration.md); the replaying
 * principal must be allowed to read {@code spa.dead-letter} and write the source topics.
 * Prints one line per dead letter taken (partition, offset, time, reason code, component, source topic; never keys
 * or values, which can name a patient's study) and a summary; exit code 0, 2 for a usage error, 1 when Kafka fails.
 */
public final class DeadLetterReplay {

    /** Header of a replayed record: the dead letter it came from. */
    public static final String REPLAYED_FROM = "spa_replayed_from";
    static final String USAGE = "usage: DeadLetterReplay --bootstrap-servers HOST:PORT [--reason CODE]..."
            + " [--component NAME] [--since ISO-INSTANT] [--until ISO-INSTANT] [--dry-run]";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final String CLIENT_ID = "spa-dead-letter-replay";

    /** What a replay did. */
    record Summary(int scanned, int replayed, int skipped) {
    }

    private final KafkaConfig kafka;
    private final PrintStream out;

    DeadLetterReplay(KafkaConfig kafka, PrintStream out) {
        this.kafka = kafka.withClient(CLIENT_ID, CLIENT_ID);
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.getenv()));
    }

    static int run(String[] args, PrintStream out) {
        return run(args, out, Map.of());
    }

    /** {@code environment}: where the Kafka security settings come from ({@code SPA_KAFKA_*}). */
    static int run(String[] args, PrintStream out, Map<String, String> environment) {
        Map<String, List<String>> options;
        DeadLetterFilter filter;
        KafkaConfig kafka;
        try {
            options = options(args);
            filter = new DeadLetterFilter(new HashSet<>(options.getOrDefault("--reason", List.of())),
                    single(options, "--component"), single(options, "--since").map(Instant::parse),
                    single(options, "--until").map(Instant::parse));
            if (single(options, "--bootstrap-servers").isEmpty()) {
                throw new IllegalArgumentException("--bootstrap-servers is required");
            }
            kafka = kafkaConfig(single(options, "--bootstrap-servers").orElseThrow(), environment);
        } catch (IllegalArgumentException | DateTimeParseException | ConfigException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        try {
            Summary summary = new DeadLetterReplay(kafka, out)
                    .replay(filter, options.containsKey("--dry-run"));
            out.printf("%d dead letter(s) read, %d %s, %d skipped (no source topic).%n", summary.scanned(),
                    summary.replayed(), options.containsKey("--dry-run") ? "would be replayed" : "replayed",
                    summary.skipped());
            return 0;
        } catch (KafkaException | ExecutionException | TimeoutException e) {
            out.println("replay failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** Replays (or, dry, only lists) the dead letters {@code filter} takes, up to the end the topic has now. */
    Summary replay(DeadLetterFilter filter, boolean dryRun)
            throws ExecutionException, TimeoutException, InterruptedException {
        int scanned = 0;
        int replayed = 0;
        int skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer();
             KafkaProducer<String, byte[]> producer = dryRun ? null : producer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(Topic.DEAD_LETTER.name(), Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!reached(consumer, end)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    scanned++;
                    if (!filter.matches(record)) {
                        continue;
                    }
                    Optional<String> source = DeadLetterFilter.header(record, DeadLetterHeaders.SOURCE_TOPIC)
                            .filter(topic -> !topic.isBlank() && !topic.equals(Topic.DEAD_LETTER.name()));
                    if (source.isEmpty()) {
                        skipped++;
                        continue;
                    }
                    out.printf("%s/%d/%d %s %s %s -> %s%n", record.topic(), record.partition(), record.offset(),
                            Instant.ofEpochMilli(record.timestamp()),
                            DeadLetterFilter.header(record, DeadLetterHeaders.REASON_CODE).orElse("-"),
                            DeadLetterFilter.header(record, DeadLetterHeaders.COMPONENT).orElse("-"), source.get());
                    if (!dryRun) {
                        send(producer, source.get(), record);
                    }
                    replayed++;
                }
            }
        }
        return new Summary(scanned, replayed, skipped);
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic,
                             ConsumerRecord<String, byte[]> deadLetter)
            throws ExecutionException, TimeoutException, InterruptedException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, deadLetter.key(), deadLetter.value());
        record.headers().add(REPLAYED_FROM, (deadLetter.topic() + "/" + deadLetter.partition() + "/"
                + deadLetter.offset()).getBytes(StandardCharsets.UTF_8));
        Future<RecordMetadata> sent = producer.send(record);
        sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The cluster from the command line, every other {@code spa.kafka.*} setting from the environment. */
    static KafkaConfig kafkaConfig(String bootstrapServers, Map<String, String> environment) {
        Map<String, String> withoutCluster = new HashMap<>(environment);
        withoutCluster.remove(ConfigSource.environmentName(KafkaConfig.BOOTSTRAP_SERVERS));
        return KafkaConfig.from(new ConfigSource(Map.of(KafkaConfig.BOOTSTRAP_SERVERS, bootstrapServers),
                withoutCluster));
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(kafka.consumerProperties("consumer"), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(kafka.producerProperties("producer", kafka.sendTimeout()), new StringSerializer(),
                new ByteArraySerializer());
    }

    private static Map<String, List<String>> options(String[] args) {
        Set<String> flags = Set.of("--dry-run");
        Set<String> valued = Set.of("--bootstrap-servers", "--reason", "--component", "--since", "--until");
        Map<String, List<String>> options = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (flags.contains(name)) {
                options.put(name, List.of());
            } else if (valued.contains(name) && i + 1 < args.length) {
                options.computeIfAbsent(name, n -> new ArrayList<>()).add(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown or incomplete argument: " + name);
            }
        }
        return options;
    }

    private static Optional<String> single(Map<String, List<String>> options, String name) {
        List<String> values = options.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new IllegalArgumentException(name + " given more than once");
        }
        return values.stream().findFirst();
    }
}
