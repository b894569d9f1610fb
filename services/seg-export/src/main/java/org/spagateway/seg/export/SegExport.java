package org.spagateway.seg.export;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.spagateway.dicom.sender.DicomStoreClient;
import org.spagateway.dicom.sender.StoreDestination;
import org.spagateway.dicom.sender.StoreScu;
import org.spagateway.events.EventCodec;
import org.spagateway.kafka.support.CamelService;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.kafka.support.KafkaEndpoints;
import org.spagateway.retry.Jitter;
import org.spagateway.retry.Pause;

/**
 * The SEG-export service: a {@code seg-export-<destination>} route per configured destination (PACS), which C-STOREs
 * each round's SEG and each approved session's final SEG there and records a SegmentationExported. Only run when
 * {@link ExportConfig#enabled()}; it owns its C-STORE client and closes it after the route has stopped.
 */
public final class SegExport implements CamelService {

    private final ExportConfig config;
    private final DicomStoreClient client;
    private final AutoCloseable owned;
    private final EventCodec codec;
    private final Clock clock;

    /** With its own C-STORE client ({@link StoreScu}), each attempt measured in {@code metrics}. */
    public SegExport(ExportConfig config, EventCodec codec, Clock clock, MeterRegistry metrics) {
        this(config, newStoreScu(config), codec, clock, metrics);
    }

    private SegExport(ExportConfig config, StoreScu client, EventCodec codec, Clock clock, MeterRegistry metrics) {
        this(config, new MeteredStoreClient(client, metrics), client, codec, clock);
    }

    /** With a given client (tests observe the attempts through it); {@code owned} is closed with the service. */
    SegExport(ExportConfig config, DicomStoreClient client, AutoCloseable owned, EventCodec codec, Clock clock) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("no export destination configured (" + ExportConfig.DESTINATIONS + ")");
        }
        this.config = config;
        this.client = client;
        this.owned = owned;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public void addRoutes(CamelContext context, KafkaConfig kafka) throws Exception {
        KafkaEndpoints endpoints = new KafkaEndpoints(kafka);
        for (StoreDestination destination : config.destinations()) {
            ExportConfig own = config.forDestination(destination);
            context.addRoutes(new SegExportRoute(
                    new SegmentationExportHandler(codec, own, client, Pause.SLEEP, Jitter.EQUAL, clock),
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
}
