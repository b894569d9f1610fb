package org.spagateway.seg.export;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.spagateway.configuration.TrustStore;
import org.spagateway.dicom.sender.StoreScu;
import org.spagateway.events.EventCodec;
import org.spagateway.kafka.support.CamelService;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.kafka.support.KafkaEndpoints;
import org.spagateway.retry.Jitter;
import org.spagateway.retry.Pause;
import org.spagateway.sessions.SessionArtifacts;

/**
 * The SEG-export service: a {@code seg-export-<destination>} route per configured destination (a PACS by C-STORE, a
 * DICOMweb server by STOW-RS), which sends each round's SEG and each approved session's final SEG there and records a
 * SegmentationExported, reading each SEG's bytes from the session ledger's database. Only run when {@link ExportConfig#enabled()}; it owns its C-STORE and STOW-RS clients and
 * closes them after the routes have stopped.
 */
public final class SegExport implements CamelService {

    private final ExportConfig config;
    private final SegmentationSender sender;
    private final AutoCloseable owned;
    private final EventCodec codec;
    private final Clock clock;
    private final SessionArtifacts segmentations;

    /**
     * With its own C-STORE client ({@link StoreScu}) and STOW-RS client ({@link StowRsClient}), each attempt measured
     * in {@code metrics} ({@link MeteredSender}).
     *
     * @param segmentations where the SEGs' bytes are read: the session ledger's database, as the workers wrote them
     */
    public SegExport(ExportConfig config, SessionArtifacts segmentations, EventCodec codec, Clock clock,
                     MeterRegistry metrics) {
        this(config, segmentations, newStoreScu(config), newStowRsClient(config), codec, clock, metrics);
    }

    private SegExport(ExportConfig config, SessionArtifacts segmentations, StoreScu scu, StowRsClient stowRs,
                      EventCodec codec, Clock clock, MeterRegistry metrics) {
        this(config, segmentations, new MeteredSender(new TransportSender(scu, stowRs), metrics), () -> {
            try {
                stowRs.close();
            } finally {
                scu.close();
            }
        }, codec, clock);
    }

    /** With a given sender (tests observe the attempts through it); {@code owned} is closed with the service. */
    SegExport(ExportConfig config, SessionArtifacts segmentations, SegmentationSender sender, AutoCloseable owned,
              EventCodec codec, Clock clock) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("no export destination configured (" + ExportConfig.DESTINATIONS + ")");
        }
        this.config = config;
        this.segmentations = segmentations;
        this.sender = sender;
        this.owned = owned;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public void addRoutes(CamelContext context, KafkaConfig kafka) throws Exception {
        KafkaEndpoints endpoints = new KafkaEndpoints(kafka);
        for (ExportDestination destination : config.destinations()) {
            ExportConfig own = config.forDestination(destination);
            context.addRoutes(new SegExportRoute(
                    new SegmentationExportHandler(codec, own, sender, segmentations,
                            Path.of(System.getProperty("java.io.tmpdir")), Pause.SLEEP, Jitter.EQUAL, clock),
                    endpoints, own));
        }
    }

    @Override
    public String describe() {
        return "SEG export to " + config.destinations();
    }

    @Override
    public void close() throws Exception {
        if (owned != null) {
            owned.close();
        }
    }

    private static StoreScu newStoreScu(ExportConfig config) {
        return new StoreScu(config.callingAeTitle(), config.storeTimeout(), config.tls());
    }

    /** The STOW-RS client of the configured destinations, trusting {@code spa.export.stow.trust-store}. */
    static StowRsClient newStowRsClient(ExportConfig config) {
        return new StowRsClient(config.storeTimeout(), config.stowTrustStore().map(TrustStore::clientContext));
    }
}
