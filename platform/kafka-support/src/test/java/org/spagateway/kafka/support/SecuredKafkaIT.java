package org.spagateway.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.EmbeddedKafkaSecurity;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.test.harness.ExampleEvents;
import org.spagateway.test.harness.TestPki;

/**
 * The production shape of Kafka (issue 14) on a real broker: a SASL_SSL listener (SCRAM-SHA-512) and ACLs from
 * {@link GatewayAcls}, nothing allowed that no ACL allows. Who is refused, and how, and the gateway's own clients built
 * through {@link KafkaConfig} working with their principals.
 */
class SecuredKafkaIT {

    private static final GatewayAcls.Principals PRINCIPALS = GatewayAcls.Principals.defaults();
    private static final GatewayAcls.ConsumerGroups GROUPS = new GatewayAcls.ConsumerGroups("spa-routes",
            "spa-export", "spa-notify", "spa-choices", "spa-inference-worker", "spa-fhir-adapter",
            "spa-preference-profiles");
    private static final Map<String, String> PASSWORDS = Map.of(
            PRINCIPALS.reportingSystem(), "reporting-secret",
            PRINCIPALS.edge(), "edge-secret",
            PRINCIPALS.worker(), "worker-secret",
            PRINCIPALS.fhirAdapter(), "fhir-secret");
    /** A refused client fails within this instead of the default minute. */
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(5);
    private static final EventCodec CODEC = new EventCodec();

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startSecuredBroker() {
        pki = TestPki.create(dir.resolve("pki"), "spa-test-ca");
        TestPki.Issued brokerIdentity = pki.issue("127.0.0.1");
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(dir.resolve("kafka"), 0),
                EmbeddedKafkaSecurity.of(brokerIdentity.keyStore(), TestPki.PASSWORD, PASSWORDS,
                        GatewayAcls.bindings(PRINCIPALS, GROUPS)));
        new TopicInitializer(broker.adminProperties(), (short) 1, Duration.ofSeconds(30)).createMissing(Topic.all());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void refusesAProducerWithoutCredentialsOverPlaintextOrTlsAlone() throws Exception {
        long before = endOffset(Topic.CHOICE_MADE);
        for (KafkaClientSecurity security : List.of(KafkaClientSecurity.PLAINTEXT, tlsOnly(pki.trustStore()))) {
            try (KafkaProducer<String, String> producer = producer(security)) {
                assertThatThrownBy(() -> send(producer, Topic.CHOICE_MADE)).as(security.protocol().name)
                        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TimeoutException.class);
            }
        }
        assertThat(endOffset(Topic.CHOICE_MADE)).isEqualTo(before);
    }

    @Test
    void refusesAProducerWithTheWrongPassword() {
        try (KafkaProducer<String, String> producer = producer(saslSsl(PRINCIPALS.reportingSystem(), "guessed"))) {
            assertThatThrownBy(() -> send(producer, Topic.CHOICE_MADE))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void refusesAnotherPrincipalWritingChoices() {
        try (KafkaProducer<String, String> producer = producer(saslSsl(PRINCIPALS.worker(), null))) {
            assertThatThrownBy(() -> send(producer, Topic.CHOICE_MADE))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining(Topic.CHOICE_MADE.name());
        }
    }

    @Test
    void refusesABrokerCertificateFromAnotherCa() {
        TestPki otherCa = TestPki.create(dir.resolve("other-pki"), "another-ca");
        KafkaClientSecurity trustingOtherCa = KafkaClientSecurity.saslSsl(PRINCIPALS.reportingSystem(),
                PASSWORDS.get(PRINCIPALS.reportingSystem()), otherCa.trustStore(), TestPki.PASSWORD);
        try (KafkaProducer<String, String> producer = producer(trustingOtherCa)) {
            assertThatThrownBy(() -> send(producer, Topic.CHOICE_MADE))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SslAuthenticationException.class);
        }
    }

    @Test
    void letsTheReportingSystemWriteChoicesThatTheChoiceIngressReads() throws Exception {
        String key = "session-choice-1";
        try (KafkaProducer<String, String> producer = producer(saslSsl(PRINCIPALS.reportingSystem(), null))) {
            producer.send(new ProducerRecord<>(Topic.CHOICE_MADE.name(), key, "{}")).get(30, TimeUnit.SECONDS);
        }
        KafkaConfig edge = gatewayConfig(PRINCIPALS.edge()).withClient("spa-edge", GROUPS.choices());
        assertThat(readInGroup(edge, Topic.CHOICE_MADE, GROUPS.choices()))
                .extracting(ConsumerRecord::key).contains(key);
    }

    @Test
    void carriesAnEventFromTheGatewaysPublisherToAnotherServicesConsumerWithTheirOwnPrincipals() {
        EventEnvelope<CandidatesReady> event = candidatesReady("session-secured-1", "2.25.1401");
        try (KafkaEventPublisher worker = new KafkaEventPublisher(
                gatewayConfig(PRINCIPALS.worker()).withClient("spa-worker", GROUPS.worker()), "worker", CODEC)) {
            worker.publish(Topic.CANDIDATES_READY, event);
        }
        KafkaConfig adapter = gatewayConfig(PRINCIPALS.fhirAdapter()).withClient("spa-fhir", GROUPS.fhirAdapter());

        assertThat(readInGroup(adapter, Topic.CANDIDATES_READY, GROUPS.fhirAdapter() + "-candidates"))
                .extracting(record -> CODEC.decode(new String(record.value(), StandardCharsets.UTF_8),
                        EventType.CANDIDATES_READY).eventId())
                .contains(event.eventId());
    }

    @Test
    void carriesAChoiceThroughACamelRouteOfTheEdgeOverItsOwnPrincipal() throws Exception {
        String value = "{\"choice\":\"camel-1\"}";
        try (CamelServices camel = CamelServices.start("secured-camel", gatewayConfig(PRINCIPALS.edge())
                .withClient("spa-edge", GROUPS.choices() + "-camel"), List.of(new ChoiceForwarding()))) {
            try (KafkaProducer<String, String> reporting = producer(saslSsl(PRINCIPALS.reportingSystem(), null))) {
                reporting.send(new ProducerRecord<>(Topic.CHOICE_MADE.name(), "session-camel-1", value))
                        .get(30, TimeUnit.SECONDS);
            }
            KafkaConfig worker = gatewayConfig(PRINCIPALS.worker()).withClient("spa-worker", GROUPS.worker());

            assertThat(readInGroup(worker, Topic.INFERENCE_INTERACTIVE, GROUPS.worker() + "-camel"))
                    .extracting(record -> new String(record.value(), StandardCharsets.UTF_8)).contains(value);
        }
    }

    @Test
    void refusesAServiceConsumingInAGroupThatIsNotItsOwn() {
        KafkaConfig adapter = gatewayConfig(PRINCIPALS.fhirAdapter()).withClient("spa-fhir", GROUPS.worker());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(adapter.consumerProperties("stolen",
                GROUPS.worker(), 10), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topic.CANDIDATES_READY.name()));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    /** The edge's shape: a Camel consumer of choices and a Camel producer of interactive requests. */
    private static final class ChoiceForwarding implements CamelService {
        @Override
        public void addRoutes(CamelContext context, KafkaConfig kafka) throws Exception {
            KafkaEndpoints endpoints = new KafkaEndpoints(kafka);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(endpoints.consumer(Topic.CHOICE_MADE.name(), "choice-forwarding", 10))
                            .routeId("secured-choice-forwarding")
                            .to(endpoints.producer(Topic.INFERENCE_INTERACTIVE.name(), "choice-forwarding"))
                            .process(new ManualOffsetCommit());
                }
            });
        }

        @Override
        public String describe() {
            return "choices forwarded over SASL_SSL";
        }
    }

    /** What a service reads from {@code topic} in {@code group}, awaiting at least one record. */
    private static List<ConsumerRecord<String, byte[]>> readInGroup(KafkaConfig kafka, Topic topic, String group) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("reader", group,
                10), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        return records;
    }

    private static KafkaConfig gatewayConfig(String principal) {
        return KafkaConfig.forBootstrapServers(broker.bootstrapServers()).withSecurity(saslSsl(principal, null));
    }

    /** SASL_SSL as {@code principal}, with its password unless {@code password} is given. */
    private static KafkaClientSecurity saslSsl(String principal, String password) {
        return KafkaClientSecurity.saslSsl(principal, password == null ? PASSWORDS.get(principal) : password,
                pki.trustStore(), TestPki.PASSWORD);
    }

    private static KafkaClientSecurity tlsOnly(Path trustStore) {
        return new KafkaClientSecurity(SecurityProtocol.SSL, KafkaClientSecurity.DEFAULT_SASL_MECHANISM,
                Optional.empty(), Optional.empty(), Optional.of(trustStore), TestPki.PASSWORD, Optional.empty(), "",
                true);
    }

    private static KafkaProducer<String, String> producer(KafkaClientSecurity security) {
        KafkaConfig kafka = new KafkaConfig(broker.bootstrapServers(), "spa-test", "spa-test", REFUSED_WITHIN,
                security.properties());
        return new KafkaProducer<>(kafka.producerProperties("producer", REFUSED_WITHIN), new StringSerializer(),
                new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, Topic topic) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), "session-refused", "{}")).get(30, TimeUnit.SECONDS);
    }

    private static long endOffset(Topic topic) throws Exception {
        try (Admin admin = Admin.create(broker.adminProperties())) {
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            for (int partition = 0; partition < topic.partitions(); partition++) {
                partitions.put(new TopicPartition(topic.name(), partition), OffsetSpec.latest());
            }
            return admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }

    private static EventEnvelope<CandidatesReady> candidatesReady(String sessionId, String studyUid) {
        InstanceReference source = new InstanceReference(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2",
                "1.2.840.10008.1.2.1", "file:///var/lib/spa/dicom/" + studyUid + ".1.1.dcm", 1024L);
        return ExampleEvents.event(ExampleEvents.candidatesReady(sessionId, studyUid, studyUid + ".9",
                studyUid + ".9.1", Path.of("/var/lib/spa/seg/" + sessionId + ".dcm"), 100, source));
    }
}
