package org.spagateway.seg.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.dicom.sender.StoreFailure;
import org.spagateway.dicom.sender.StoreScu;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.SegmentationExported;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.CamelServices;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.test.harness.OrthancProcess;
import org.spagateway.test.harness.TestPki;
import org.spagateway.test.harness.TlsTerminatingProxy;

/**
 * STOW-RS over https with the export's trust store ({@code spa.export.stow.trust-store}): a real Orthanc with its
 * DICOMweb plugin behind two TLS-terminating proxies (Debian's Orthanc 1.10.1 crashes when it serves HTTPS itself),
 * {@code secure} presenting a certificate from the hospital CA in the trust store, {@code impostor} one from another
 * CA. The SEG reaches Orthanc through {@code secure}; {@code impostor} fails its handshake at every attempt and is
 * retried from Kafka, never dead-lettered, as a certificate problem must not lose a SEG.
 */
class SegExportStowRsTlsIT {

    private static final EventCodec CODEC = new EventCodec();

    @TempDir
    static Path work;

    private static EmbeddedKafkaBroker broker;
    private static OrthancProcess orthanc;
    private static TlsTerminatingProxy trusted;
    private static TlsTerminatingProxy untrusted;
    private static CamelServices routes;
    private static ExportTopics topics;
    private static RecordingSender sender;
    private static WrittenRounds rounds;
    private static SessionLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(work.resolve("kafka"), 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        topics = new ExportTopics(broker.bootstrapServers());
        orthanc = OrthancProcess.startWithDicomWeb(work.resolve("orthanc"), "ORTHANC", null);
        TestPki hospital = TestPki.create(work, "hospital-ca");
        TestPki rogue = TestPki.create(work, "rogue-ca");
        trusted = TlsTerminatingProxy.start(hospital.issue("orthanc").keyStore(), TestPki.PASSWORD,
                orthanc.httpPort());
        untrusted = TlsTerminatingProxy.start(rogue.issue("orthanc").keyStore(), TestPki.PASSWORD,
                orthanc.httpPort());
        ledger = SessionLedgerConfig.embedded(work.resolve("ledger")).ledger();
        rounds = WrittenRounds.generate(work, 20261208L, ledger.artifacts());
        ExportConfig export = ExportConfig.from(ConfigSource.of(Map.ofEntries(
                Map.entry("spa.export.destinations", "secure,impostor"),
                Map.entry("spa.export.destination.secure.stow-url",
                        "https://127.0.0.1:" + trusted.port() + "/dicom-web"),
                Map.entry("spa.export.destination.secure.bearer-token", "not-checked-by-orthanc"),
                Map.entry("spa.export.destination.impostor.stow-url",
                        "https://127.0.0.1:" + untrusted.port() + "/dicom-web"),
                Map.entry("spa.export.stow.trust-store", hospital.trustStore().toString()),
                Map.entry("spa.export.stow.trust-store-password", TestPki.PASSWORD),
                Map.entry("spa.export.retry.max-attempts", "3"),
                Map.entry("spa.export.retry.initial-delay", "100ms"),
                Map.entry("spa.export.retry.max-delay", "500ms"),
                Map.entry("spa.export.store-timeout", "10s"))));
        StoreScu scu = new StoreScu(export.callingAeTitle(), export.storeTimeout());
        StowRsClient stowRs = SegExport.newStowRsClient(export);
        sender = new RecordingSender(new TransportSender(scu, stowRs));
        routes = CamelServices.start("spa-export", KafkaConfig.forBootstrapServers(broker.bootstrapServers()),
                List.of(new SegExport(export, ledger.artifacts(), sender, () -> {
                    try {
                        stowRs.close();
                    } finally {
                        scu.close();
                    }
                }, CODEC, Clock.systemUTC())));
    }

    @AfterAll
    static void stop() {
        if (routes != null) {
            routes.close();
        }
        for (AutoCloseable closeable : new AutoCloseable[] {trusted, untrusted, orthanc, broker, ledger}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void storesOverHttpsTrustingTheHospitalCaAndKeepsRetryingAServerWithAnotherCasCertificate() throws Exception {
        EventEnvelope<CandidatesReady> event = rounds.round("session-stow-tls").event();

        topics.publish(event);

        SegmentationExported exported = topics.awaitExported("session-stow-tls", 1).get(0).data();
        assertThat(exported.destination()).isEqualTo("secure");
        assertThat(orthanc.instanceId(event.data().segmentation().sopInstanceUid())).isPresent();
        // Three attempts make one delivery: more than that means the record was consumed again.
        ExportTopics.waitFor().until(() -> sender.failures("impostor", StoreFailure.TLS_HANDSHAKE_FAILED) > 3);
        assertThat(topics.records(Topic.DEAD_LETTER, "session-stow-tls"))
                .as("a certificate problem is waited out, not dead-lettered").isEmpty();
    }
}
