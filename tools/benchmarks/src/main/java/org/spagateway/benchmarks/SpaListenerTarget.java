package org.spagateway.benchmarks;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.dicom.listener.DicomListener;
import org.spagateway.dicom.listener.ListenerConfig;

/**
 * This project's DICOM listener, in-process, with its production storage path (stream to a {@code .part} file,
 * atomic rename, study completeness, event outbox), with or without {@code spa.listener.storage.fsync}. Events go
 * to a counting sink instead of Kafka, so the figure is the listener's, comparable with SCPs that only store.
 */
final class SpaListenerTarget implements StoreTarget {

    static final String AE_TITLE = "SPA_GATEWAY";

    private final DicomListener listener;
    private final AtomicLong publishedInstances;
    private final boolean fsync;

    private SpaListenerTarget(DicomListener listener, AtomicLong publishedInstances, boolean fsync) {
        this.listener = listener;
        this.publishedInstances = publishedInstances;
        this.fsync = fsync;
    }

    /**
     * @param fsync the durability policy: {@code true} forces each instance and its directory entry to disk before
     *              answering (the default), {@code false} answers once the data is in the page cache
     */
    static SpaListenerTarget start(Path workDir, String callingAe, boolean fsync) throws Exception {
        ListenerConfig config = ListenerConfig.from(ConfigSource.of(Map.of(
                ListenerConfig.AE_TITLE, AE_TITLE,
                ListenerConfig.PORT, "0",
                ListenerConfig.STORAGE_ROOT, workDir.resolve(fsync ? "spa-gateway-fsync" : "spa-gateway-no-fsync")
                        .toString(),
                ListenerConfig.STORAGE_FSYNC, Boolean.toString(fsync),
                ListenerConfig.CALLING_AES, callingAe + "@127.0.0.1",
                ListenerConfig.QUIET_PERIOD, "10m")));
        AtomicLong published = new AtomicLong();
        DicomListener listener = new DicomListener(config,
                event -> published.addAndGet(event.data().addedInstanceCount()), Clock.systemUTC());
        listener.start();
        return new SpaListenerTarget(listener, published, fsync);
    }

    @Override
    public String name() {
        return fsync ? "spa-gateway listener (fsync)" : "spa-gateway listener (no fsync)";
    }

    @Override
    public String aeTitle() {
        return AE_TITLE;
    }

    @Override
    public int port() {
        return listener.port();
    }

    /** Instances announced in StudyReceived events: counts only what was stored and declared complete. */
    @Override
    public long storedInstances() {
        return publishedInstances.get();
    }

    @Override
    public void close() {
        listener.close();
    }
}
