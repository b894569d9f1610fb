package org.spagateway.dicom.listener;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.dicom.network.PixelMedTuning;

/**
 * The DICOM listener: a C-ECHO / C-STORE SCP (PS3.4 A and B) that stores instances, decides when studies are
 * complete and publishes a {@code StudyReceived} event per completed study version.
 *
 * <pre>{@code
 * try (DicomListener listener = new DicomListener(ListenerConfig.from(source), sink, Clock.systemUTC())) {
 *     listener.start();
 *     int port = listener.port();
 * }
 * }</pre>
 *
 * <p>PixelMed does the upper-layer protocol (PDU encoding, presentation-context negotiation, P-DATA reassembly,
 * release) and command-set encoding; this module adds what PixelMed's own SCP lacks: refusing unknown calling AEs
 * and excess associations at association time, explicit DIMSE failure statuses, streaming storage with atomic
 * rename, and TCP_NODELAY on every socket. All threads are daemon threads and end with {@link #close()}.
 */
public final class DicomListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DicomListener.class);

    private final ListenerConfig config;
    private final Clock clock;
    private final LogPrivacy privacy;
    private final InstanceStore store;
    private final FileStudyHistory history;
    private final StudyReceivedOutbox outbox;
    private final StudyReceivedFactory events;
    private final StoragePresentationContextPolicy policy;
    private final AssociationGate gate;
    private final Semaphore slots;
    private final Set<Socket> activeSockets = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;
    private final StudyCompletenessTracker tracker;
    private final ExecutorService associations;
    private final ExecutorService rejections;
    private ServerSocket serverSocket;
    private Thread acceptor;
    private volatile boolean closed;

    public DicomListener(ListenerConfig config, StudyReceivedSink sink, Clock clock) {
        this(config, sink, clock, PartFileOpener.of(config.fsync()));
    }

    DicomListener(ListenerConfig config, StudyReceivedSink sink, Clock clock, PartFileOpener opener) {
        PixelMedTuning.apply();
        this.config = config;
        this.clock = clock;
        this.privacy = new LogPrivacy(config.logPhi());
        InstanceHeaderReader headerReader = new InstanceHeaderReader();
        this.store = new InstanceStore(config.storageRoot(), opener, config.fsync(), headerReader, clock);
        this.history = new FileStudyHistory(store.root(), headerReader);
        this.outbox = new StudyReceivedOutbox(sink, store.root(), config.publishRetryInitial(),
                config.publishRetryMax());
        this.events = new StudyReceivedFactory(config.aeTitle());
        this.policy = new StoragePresentationContextPolicy(config.sopClasses(), config.transferSyntaxes());
        this.gate = new AssociationGate(config.aeTitle(),
                new CallingAePolicy(config.callingAes(), config.acceptUnknownCallingAes()));
        this.slots = new Semaphore(config.maxAssociations());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("study-completeness"));
        this.tracker = new StudyCompletenessTracker(config.completeness(), history, clock, scheduler,
                new StudyAnnouncer(outbox, events, clock), privacy);
        this.associations = Executors.newCachedThreadPool(daemonThreads("dicom-association"));
        this.rejections = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32),
                daemonThreads("dicom-association-reject"));
    }

    /** Opens the store, re-publishes undelivered events, recovers unannounced instances and starts listening. */
    public synchronized void start() throws IOException {
        if (serverSocket != null) {
            throw new IllegalStateException("already started");
        }
        store.open();
        outbox.start(event -> history.catchUp(event.data()));
        history.studiesWithUnannouncedInstances().forEach(tracker::recover);
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(config.bindAddress(), config.port()), 64);
        serverSocket = server;
        acceptor = daemonThreads("dicom-listener-accept").newThread(this::acceptLoop);
        acceptor.start();
        LOG.info("DICOM listener {} on {}:{} (max {} associations), storing under {}", config.aeTitle(),
                config.bindAddress(), server.getLocalPort(), config.maxAssociations(), store.root());
    }

    /** The bound TCP port (the chosen one when configured with port 0). */
    public int port() {
        if (serverSocket == null) {
            throw new IllegalStateException("not started");
        }
        return serverSocket.getLocalPort();
    }

    int pendingStudyCount() {
        return tracker.pendingStudyCount();
    }

    int pendingEventCount() {
        return outbox.pendingCount();
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (serverSocket != null) {
                serverSocket.close();
            }
            if (acceptor != null) {
                acceptor.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (IOException e) {
            LOG.warn("Closing the server socket failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Socket socket : activeSockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // aborting the association is the point
            }
        }
        shutdown(associations);
        shutdown(rejections);
        tracker.cancelWakeUps();
        scheduler.shutdownNow();
        outbox.close();
        LOG.info("DICOM listener {} stopped", config.aeTitle());
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("Accepting connections failed; the listener stops accepting", e);
                }
                return;
            }
            dispatch(socket);
        }
    }

    private void dispatch(Socket socket) {
        boolean withinLimit = slots.tryAcquire();
        activeSockets.add(socket);
        Runnable onEnd = () -> {
            activeSockets.remove(socket);
            if (withinLimit) {
                slots.release();
            }
        };
        AssociationSession session = new AssociationSession(socket, withinLimit, gate, config, policy, store,
                this::stored, onEnd);
        try {
            (withinLimit ? associations : rejections).execute(session);
        } catch (RejectedExecutionException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // overloaded: dropping the connection is the answer
            }
            onEnd.run();
        }
    }

    private void stored(StoreResult result) {
        switch (result.outcome()) {
            case STORED, REPLACED -> {
                StoredInstance instance = result.instance().orElseThrow();
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} instance {} of study {}", result.outcome(), privacy.uid(instance.sopInstanceUid()),
                            privacy.uid(instance.studyInstanceUid()));
                }
                tracker.instanceStored(instance);
            }
            case DUPLICATE -> LOG.info("Instance {} re-sent unchanged; nothing to announce",
                    privacy.uid(result.instance().orElseThrow().sopInstanceUid()));
            case FAILED -> LOG.warn("Instance refused with status {}", result.status());
            default -> throw new IllegalStateException("unknown outcome " + result.outcome());
        }
    }

    private static void shutdown(ExecutorService executor) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
