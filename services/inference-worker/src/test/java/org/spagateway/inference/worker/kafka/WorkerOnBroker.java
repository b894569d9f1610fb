package org.spagateway.inference.worker.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.spagateway.events.Topic;
import org.spagateway.inference.worker.WorkerConfig;
import org.spagateway.inference.worker.WorkerFixtures;
import org.spagateway.inference.worker.sources.SourceFetchConfig;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;

/**
 * The fundus worker on a real (embedded) broker, results under {@code <data>/results}, with a producer for requests
 * and an observer of what the worker publishes (CandidatesReady and dead letters).
 */
final class WorkerOnBroker implements AutoCloseable {

    final EmbeddedKafkaBroker kafka;
    final KafkaProducer<String, byte[]> producer;
    private final WorkerRuntime worker;
    private final SessionLedger ledger;
    private final KafkaConsumer<String, byte[]> observer;
    private final List<ConsumerRecord<String, byte[]>> seen = new CopyOnWriteArrayList<>();

    private WorkerOnBroker(EmbeddedKafkaBroker kafka, WorkerRuntime worker, SessionLedger ledger,
                           KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> observer) {
        this.kafka = kafka;
        this.worker = worker;
        this.ledger = ledger;
        this.producer = producer;
        this.observer = observer;
    }

    static WorkerOnBroker start(Path data) {
        return start(data, SourceFetchConfig.defaults(data.resolve("source-cache")));
    }

    /** As {@link #start(Path)}, fetching sources that are not local files as {@code sources} says. */
    static WorkerOnBroker start(Path data, SourceFetchConfig sources) {
        WorkerFixtures.requireModel(WorkerFixtures.fundusModel());
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(data.resolve("kafka"), 0));
        TopicInitializer.forBootstrapServers(kafka.bootstrapServers()).createMissing(Topic.all());
        SessionLedger ledger = SessionLedgerConfig.embedded(data.resolve("sessions")).ledger();
        WorkerRuntime worker = WorkerRuntime.start(WorkerFixtures.config(
                Map.of(WorkerConfig.FUNDUS_OPTIC_CUP, WorkerFixtures.fundusModel()), data.resolve("results")),
                sources, ledger, KafkaConfig.forBootstrapServers(kafka.bootstrapServers()), new SimpleMeterRegistry());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers(), "acks", "all"), new StringSerializer(), new ByteArraySerializer());
        KafkaConsumer<String, byte[]> observer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers(), "group.id", "observer", "auto.offset.reset", "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        observer.subscribe(List.of(Topic.CANDIDATES_READY.name(), Topic.DEAD_LETTER.name()));
        return new WorkerOnBroker(kafka, worker, ledger, producer, observer);
    }

    /** Every record seen so far on {@code topic}, after one more poll. */
    List<ConsumerRecord<String, byte[]>> seen(String topic) {
        observer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {observer, producer, worker, ledger, kafka}) {
            closeable.close();
        }
    }
}
