package org.spagateway.study.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventType;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.CamelServices;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.kafka.support.KafkaEventPublisher;
import org.spagateway.test.harness.TopicReader;

/** A record whose outputs cannot be published is consumed again later, not skipped and not dead-lettered. */
class InferenceRouterRetryIT {

    @TempDir
    Path kafkaData;

    @Test
    void retriesARecordUntilItsInferenceRequestCanBePublished() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(kafkaData, 0))) {
            TopicInitializer topicInitializer = TopicInitializer.forBootstrapServers(broker.bootstrapServers());
            // spa.inference.requested is missing and auto-creation is off: every send of a request fails for now.
            topicInitializer.createMissing(List.of(Topic.STUDY_RECEIVED, Topic.STUDY_NOT_ROUTED, Topic.DEAD_LETTER));
            KafkaConfig kafka = new KafkaConfig(broker.bootstrapServers(), "spa-routes-retry", "spa-routes-retry",
                    Duration.ofSeconds(1), Map.of());
            TopicReader topics = new TopicReader(broker.bootstrapServers());
            String studyUid = StudyFixtures.newStudyUid();

            EventCodec codec = new EventCodec();
            try (CamelServices routes = CamelServices.start("spa-routes", kafka,
                    List.of(new StudyRouting(StudyFixtures.defaultRules(), codec, Clock.systemUTC())));
                 KafkaEventPublisher studies = new KafkaEventPublisher(kafka, "listener", codec)) {
                NotifyBuilder failedTwice = new NotifyBuilder(routes.context())
                        .fromRoute(InferenceRouterRoute.ROUTE_ID).whenFailed(2).create();
                studies.publish(Topic.STUDY_RECEIVED, StudyFixtures.event(StudyFixtures.ctChest(studyUid)));
                assertThat(failedTwice.matches(30, TimeUnit.SECONDS)).as("the record was consumed again").isTrue();

                topicInitializer.createMissing(Topic.all());

                List<ConsumerRecord<String, byte[]>> requests = await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> topics.records(Topic.INFERENCE_REQUESTED.name(), studyUid), r -> !r.isEmpty());
                assertThat(requests).extracting(r -> codec.decode(new String(r.value(), StandardCharsets.UTF_8),
                        EventType.INFERENCE_REQUESTED).eventId()).containsOnly(
                        codec.decode(new String(requests.get(0).value(), StandardCharsets.UTF_8),
                                EventType.INFERENCE_REQUESTED).eventId());
                assertThat(topics.readAll(Topic.DEAD_LETTER.name())).isEmpty();
            }
        }
    }
}
