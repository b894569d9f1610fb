package org.spagateway.fhir.adapter;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hl7.fhir.r4.model.Bundle;
import org.spagateway.events.EventCodec;
import org.spagateway.events.Topic;
import org.spagateway.fhir.embedded.EmbeddedFhirServer;
import org.spagateway.fhir.embedded.FhirServerConfig;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.CamelServices;
import org.spagateway.kafka.support.KafkaConfig;

/**
 * What an adapter integration test runs against, one per test class: the real embedded Kafka broker with the
 * project's topics, the real HAPI FHIR JPA server on the given storage, the adapter between them, a producer for the
 * test's events and a FHIR client for its queries. The FHIR server can be stopped and started again on the same port
 * (an outage), the adapter keeps running.
 */
final class FhirAdapterStack implements AutoCloseable {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final EventCodec CODEC = new EventCodec();

    private final EmbeddedKafkaBroker kafka;
    private final KafkaProducer<String, byte[]> producer;
    private final FhirServerConfig fhirServerConfig;
    private EmbeddedFhirServer fhirServer;
    private final CamelServices adapter;
    private final IGenericClient client;

    private FhirAdapterStack(EmbeddedKafkaBroker kafka, KafkaProducer<String, byte[]> producer,
                             FhirServerConfig fhirServerConfig, EmbeddedFhirServer fhirServer,
                             CamelServices adapter, IGenericClient client) {
        this.kafka = kafka;
        this.producer = producer;
        this.fhirServerConfig = fhirServerConfig;
        this.fhirServer = fhirServer;
        this.adapter = adapter;
        this.client = client;
    }

    static FhirAdapterStack start(Path data, FhirServerConfig storage) {
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(data.resolve("kafka"), 0));
        try {
            TopicInitializer.forBootstrapServers(kafka.bootstrapServers()).createMissing(Topic.all());
            EmbeddedFhirServer fhirServer = EmbeddedFhirServer.start(storage, FHIR);
            // Restarts reuse the port, so the adapter's base URL stays valid across an outage.
            FhirServerConfig samePort = new FhirServerConfig(fhirServer.port(), storage.jdbcUrl(),
                    storage.jdbcUsername(), storage.jdbcPassword(), storage.maxConnections());
            FhirAdapterConfig config = FhirAdapterConfig.of(fhirServer.baseUrl())
                    .withRetryDelay(Duration.ofMillis(500));
            CamelServices adapter = CamelServices.start("spa-fhir-adapter",
                    KafkaConfig.forBootstrapServers(kafka.bootstrapServers()),
                    List.of(new FhirAdapter(config, FHIR, CODEC, new SimpleMeterRegistry())));
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
            return new FhirAdapterStack(kafka, producer, samePort, fhirServer, adapter,
                    FhirAdapter.newClient(config, FHIR));
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    CamelServices adapter() {
        return adapter;
    }

    IGenericClient client() {
        return client;
    }

    void publish(AuditScenario.Published published) {
        try {
            producer.send(new ProducerRecord<>(published.topic().name(), published.event().subject(),
                    CODEC.encodeBytes(published.event()))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + published.event().eventId(), e);
        }
    }

    void publishAll(List<AuditScenario.Published> events) {
        events.forEach(this::publish);
    }

    /** A search by relative URL, never answered from a cache. */
    Bundle search(String relativeUrl) {
        return client.search().byUrl(relativeUrl)
                .cacheControl(new CacheControlDirective().setNoCache(true))
                .returnBundle(Bundle.class).execute();
    }

    /** How many resources of a type the server holds. */
    int count(String resourceType) {
        return search(resourceType + "?_summary=count").getTotal();
    }

    /** How many resources a search with parameters matches. */
    int countMatching(String relativeUrl) {
        return search(relativeUrl + "&_summary=count").getTotal();
    }

    void stopFhirServer() {
        fhirServer.close();
    }

    void restartFhirServer() {
        fhirServer = EmbeddedFhirServer.start(fhirServerConfig, FHIR);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable closeable : new AutoCloseable[] {producer, adapter, fhirServer, kafka}) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the test stack failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
