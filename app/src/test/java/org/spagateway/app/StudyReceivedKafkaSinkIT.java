package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.dicom.listener.DicomListener;
import org.spagateway.dicom.listener.ListenerConfig;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.DeadLetterCounter;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.kafka.support.KafkaEventPublisher;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.test.harness.TopicReader;

/**
 * One study whose StudyReceived can never be published does not hold up the ones after it (issue 13's first poison
 * pill, seen on the all-in-one): a CT whose UIDs have a component with a leading zero (tolerated by the listener,
 * refused by the event schema), then a normal CT, both sent with dcmtk's storescu to the listener on a real broker.
 */
class StudyReceivedKafkaSinkIT {

    private static final String AE = "SPA_GATEWAY";
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private static final String LEADING_ZERO_ROOT = "1.2.826.0.1.3680043.10.0123";

    @TempDir
    Path work;

    private EmbeddedKafkaBroker broker;
    private KafkaEventPublisher publisher;
    private DicomListener listener;

    @BeforeEach
    void start() throws IOException {
        Dcmtk.requireInstalled("storescu", "dcmodify");
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(work.resolve("kafka"), 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        EventCodec codec = new EventCodec();
        publisher = new KafkaEventPublisher(KafkaConfig.forBootstrapServers(broker.bootstrapServers()), "listener",
                codec);
        listener = new DicomListener(ListenerConfig.from(ConfigSource.of(Map.of(
                "spa.listener.ae-title", AE,
                "spa.listener.port", "0",
                "spa.listener.storage-root", work.resolve("dicom").toString(),
                "spa.listener.calling-aes", "STORESCU@127.0.0.1"))),
                new StudyReceivedKafkaSink(publisher, codec, metrics), Clock.systemUTC());
        listener.start();
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aStudyWhoseEventBreaksTheContractIsDeadLetteredAndTheNextStudyIsStillPublished() throws Exception {
        SyntheticStudyGenerator generator = new SyntheticStudyGenerator();
        GeneratedStudy bad = withLeadingZeroUids(generator.generate(StudySpec.of(DemoTask.CT, 1, 1301L).withSize(64),
                work.resolve("bad")));
        GeneratedStudy good = generator.generate(StudySpec.of(DemoTask.CT, 1, 1302L).withSize(64),
                work.resolve("good"));

        Dcmtk.Result first = Dcmtk.storescu("STORESCU", AE, "127.0.0.1", listener.port(), bad.files());
        Dcmtk.Result second = Dcmtk.storescu("STORESCU", AE, "127.0.0.1", listener.port(), good.files());

        assertThat(first.succeeded()).as(first.output()).isTrue();
        assertThat(second.succeeded()).as(second.output()).isTrue();
        TopicReader topics = new TopicReader(broker.bootstrapServers());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(topics.records(Topic.STUDY_RECEIVED.name(), good.studyInstanceUid()))
                    .as("the study after the bad one is published").hasSize(1);
            assertThat(topics.records(Topic.DEAD_LETTER.name(), LEADING_ZERO_ROOT + ".1"))
                    .as("the bad one is dead-lettered").hasSize(1);
        });
        ConsumerRecord<String, byte[]> deadLetter = topics.records(Topic.DEAD_LETTER.name(), LEADING_ZERO_ROOT + ".1")
                .get(0);
        assertThat(header(deadLetter, DeadLetterHeaders.REASON_CODE)).isEqualTo("SCHEMA_INVALID");
        assertThat(header(deadLetter, DeadLetterHeaders.COMPONENT)).isEqualTo(StudyReceivedKafkaSink.COMPONENT);
        assertThat(header(deadLetter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topic.STUDY_RECEIVED.name());
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8))
                .contains("\"studyInstanceUid\":\"" + LEADING_ZERO_ROOT + ".1\"");
        assertThat(topics.records(Topic.STUDY_RECEIVED.name(), LEADING_ZERO_ROOT + ".1")).isEmpty();
        assertThat(Files.list(work.resolve("dicom").resolve(".outbox")).filter(p -> p.toString().endsWith(".json")))
                .as("nothing left in the outbox to retry").isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(metrics.get(StudyReceivedKafkaSink.STUDIES_RECEIVED).counter().count()).isEqualTo(1.0);
            assertThat(metrics.get(DeadLetterCounter.METRIC).tags("source_topic", Topic.STUDY_RECEIVED.name(),
                    "reason_code", "SCHEMA_INVALID", "component", StudyReceivedKafkaSink.COMPONENT).counter().count())
                    .isEqualTo(1.0);
        });
    }

    /** The same study with Study, Series and SOP Instance UIDs under a root with a {@code 0123} component. */
    private static GeneratedStudy withLeadingZeroUids(GeneratedStudy study) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < study.files().size(); i++) {
            Path file = study.files().get(i);
            Dcmtk.Result modified = Dcmtk.run(List.of("dcmodify", "-nb",
                    "-m", "StudyInstanceUID=" + LEADING_ZERO_ROOT + ".1",
                    "-m", "SeriesInstanceUID=" + LEADING_ZERO_ROOT + ".1.1",
                    "-m", "SOPInstanceUID=" + LEADING_ZERO_ROOT + ".1.1." + (i + 1),
                    file.toString()), Dcmtk.DEFAULT_TIMEOUT);
            assertThat(modified.succeeded()).as(modified.output()).isTrue();
            files.add(file);
        }
        return new GeneratedStudy(LEADING_ZERO_ROOT + ".1", LEADING_ZERO_ROOT + ".1.1", study.sopClassUid(), files);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
