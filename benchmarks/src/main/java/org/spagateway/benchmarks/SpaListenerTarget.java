package org.spagateway.benchmarks;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.listener.DicomListener;
import org.spagateway.listener.ListenerConfig;

/**
 * This project's DICOM listener, in-process, with its production storage path (stream to a {@code .part} file,
 * fsync, atomic rename, study completeness, event outbox). Events go to a counting sink instead of Kafka, so the
 * figure is the listener's, comparable with SCPs that only store.
 */
final class SpaListenerTarget implements StoreTarget {

    static final String AE_TITLE = "SPA_GATEWAY";

    private final DicomListener listener;
    private final AtomicLong publishedInstances;

    private SpaListenerTarget(DicomListener listener, AtomicLong publishedInstances) {
        this.listener = listener;
        this.publishedInstances = publishedInstances;
    }

    static SpaListenerTarget start(Path workDir, String callingAe) throws Exception {
        ListenerConfig config = ListenerConfig.from(ConfigSource.of(Map.of(
                ListenerConfig.AE_TITLE, AE_TITLE,
                ListenerConfig.PORT, "0",
                ListenerConfig.STORAGE_ROOT, workDir.resolve("spa-gateway").toString(),
                ListenerConfig.CALLING_AES, callingAe + "@127.0.0.1",
                ListenerConfig.QUIET_PERIOD, "10m")));
        AtomicLong published = new AtomicLong();
        DicomListener listener = new DicomListener(config,
                event -> published.addAndGet(event.data().addedInstanceCount()), Clock.systemUTC());
        listener.start();
        return new SpaListenerTarget(listener, published);
    }

    @Override
    public String name() {
        return "spa-gateway listener";
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
