package org.spagateway.dicom.listener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.dicom.network.PixelMedTuning;
import org.spagateway.dicom.network.ScreenedAssociationAcceptor;
import org.spagateway.events.PatientPseudonym;
import org.spagateway.health.Health;
import org.spagateway.retry.Jitter;
import org.spagateway.retry.RetrySchedule;

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
 *
 * <p>Slow or hostile peers ({@link AssociationLimits}): a connection holds no association slot until its whole
 * A-ASSOCIATE-RQ has arrived (within the ARTIM timeout, among a bounded number of pending connections) and been
 * admitted; every later PDU is checked against the negotiated length and a deadline before PixelMed reads it. A failing
 * {@code accept()} (e.g. EMFILE, out of file descriptors) is retried with back-off for as long as it fails, and an
 * {@link OutOfMemoryError} on any listener thread ends the process ({@link FatalErrorExit}).
 *
 * <p>With {@link ListenerTls} the port speaks DICOM TLS (PS3.15 B.1): the handshake runs on the association's thread,
 * within the ARTIM timeout and while the connection still counts as pending, so handshakes that never finish neither
 * block the accept loop nor take association slots ({@link TlsServerHandshake}).
 */
public final class DicomListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DicomListener.class);
    /** Failed {@code accept()} calls in a row after which the listener counts as not alive. */
    static final int ACCEPT_FAILURES_ALIVE = 30;
    /**
     * A failing {@code accept()} leaves the connection in the backlog, so retrying at once fails again at once (a busy
     * loop); the causes (no file descriptors, no memory for a socket) pass as connections end.
     */
    private static final RetrySchedule ACCEPT_RETRY = RetrySchedule.unbounded(Duration.ofMillis(10),
            Duration.ofSeconds(1));

    private final ListenerConfig config;
    private final Clock clock;
    private final LogPrivacy privacy;
    private final InstanceStore store;
    private final FileStudyHistory history;
    private final StudyReceivedOutbox outbox;
    private final StudyReceivedFactory events;
    private final StoragePresentationContextPolicy policy;
    private final IgnoredInstances ignored;
    private final InstanceIntake intake;
    private final AssociationGate gate;
    private final ScreenedAssociationAcceptor acceptor;
    private final PendingConnections pending;
    private final Set<Socket> activeSockets = ConcurrentHashMap.newKeySet();
    private final ServerSocketFactory serverSockets;
    private final FatalErrorExit fatal;
    private final ScheduledExecutorService scheduler;
    private final StudyCompletenessTracker tracker;
    private final ExecutorService associations;
    private final TransportSecurity security;
    private final Optional<ScheduledExecutorService> handshakeTimer;
    private ServerSocket serverSocket;
    private WadoServer wado;
    private Thread acceptThread;
    private volatile int acceptFailures;
    private volatile boolean closed;

    public DicomListener(ListenerConfig config, StudyReceivedSink sink, Clock clock) {
        this(config, sink, clock, PartFileOpener.of(config.fsync()));
    }

    DicomListener(ListenerConfig config, StudyReceivedSink sink, Clock clock, PartFileOpener opener) {
        this(config, sink, clock, opener, ServerSocketFactory.getDefault(), FatalErrorExit.halting());
    }

    /**
     * @param serverSockets makes the listening socket
     * @param fatal         what an {@link OutOfMemoryError} on a listener thread leads to
     */
    DicomListener(ListenerConfig config, StudyReceivedSink sink, Clock clock, PartFileOpener opener,
                  ServerSocketFactory serverSockets, FatalErrorExit fatal) {
        PixelMedTuning.apply();
        this.config = config;
        this.serverSockets = serverSockets;
        this.fatal = fatal;
        this.clock = clock;
        this.privacy = new LogPrivacy(config.logPhi());
        InstanceHeaderReader headerReader = new InstanceHeaderReader(pseudonyms(config));
        this.store = new InstanceStore(config.storageRoot(), opener, config.fsync(), headerReader, clock,
                true);
        this.history = new FileStudyHistory(store.root(), headerReader);
        this.outbox = new StudyReceivedOutbox(sink, store.root(), config.publishRetryInitial(),
                config.publishRetryMax(), daemonThreads("study-received-outbox"));
        this.events = new StudyReceivedFactory(config.aeTitle(), config.wado().publicBaseUrl());
        this.policy = new StoragePresentationContextPolicy(config.sopClasses(), config.unusedSopClasses(),
                config.transferSyntaxes());
        this.ignored = new IgnoredInstances(config.unusedSopClasses() == UnusedSopClassPolicy.STORE
                ? Optional.of(new InstanceStore(store.root().resolve(IgnoredInstances.UNUSED), opener, config.fsync(),
                        headerReader, clock, false))
                : Optional.empty());
        this.intake = new InstanceIntake(policy, store, ignored, this::stored);
        AssociationLimits limits = config.limits();
        this.gate = new AssociationGate(config.aeTitle(),
                new CallingAePolicy(config.callingAes(), config.acceptUnknownCallingAes()),
                limits.associationRequestTimeout(), limits.maxAssociations());
        this.acceptor = new ScreenedAssociationAcceptor(config.aeTitle(), limits.maxPduLength(), limits.idleTimeout(),
                policy);
        this.pending = new PendingConnections(limits.maxPendingAssociations());
        this.scheduler = new GuardedScheduler("study completeness", daemonThreads("study-completeness"), fatal);
        this.tracker = new StudyCompletenessTracker(config.completeness(), history, clock, scheduler,
                new StudyAnnouncer(outbox, events, clock), privacy);
        this.associations = Executors.newCachedThreadPool(daemonThreads("dicom-association"));
        this.handshakeTimer = config.tls().map(tls -> Executors.newSingleThreadScheduledExecutor(
                daemonThreads("dicom-tls-handshake-deadline")));
        this.security = config.tls().<TransportSecurity>map(tls -> new TlsServerHandshake(tls,
                limits.associationRequestTimeout(), handshakeTimer.orElseThrow())).orElse(TransportSecurity.PLAIN);
    }

    /** Opens the store, re-publishes undelivered events, recovers unannounced instances and starts listening. */
    private static PatientPseudonym pseudonyms(ListenerConfig config) {
        try {
            return config.pseudonymKey().open(config.storageRoot());
        } catch (IOException e) {
            throw new UncheckedIOException("the pseudonym key under the storage root cannot be read or created", e);
        }
    }

    public synchronized void start() throws IOException {
        if (serverSocket != null) {
            throw new IllegalStateException("already started");
        }
        store.open();
        ignored.open();
        outbox.start(event -> history.catchUp(event.data()));
        history.studiesWithUnannouncedInstances().forEach(tracker::recover);
        if (config.wado().enabled()) {
            wado = WadoServer.start(config.wado(), store.root());
        }
        ServerSocket server = serverSockets.createServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(config.bindAddress(), config.port()), 64);
        serverSocket = server;
        acceptThread = daemonThreads("dicom-listener-accept").newThread(() -> {
            try {
                acceptLoop();
            } catch (RuntimeException | Error e) {
                if (!closed) {
                    fatal.exit("The DICOM accept loop", e);
                }
            }
        });
        acceptThread.start();
        LOG.info("DICOM listener {} on {}:{} ({}, max {} associations), storing under {}", config.aeTitle(),
                config.bindAddress(), server.getLocalPort(), config.tls().map(tls -> "TLS " + tls.protocols()
                        + ", client certificates: " + tls.clientAuth().configValue()).orElse("plain DICOM"),
                config.limits().maxAssociations(), store.root());
    }

    /** Instances of SOP classes no task uses, accepted and ignored since start, by SOP Class UID. */
    public Map<String, Long> ignoredInstances() {
        return ignored.counts();
    }

    /** The bound TCP port (the chosen one when configured with port 0). */
    public int port() {
        if (serverSocket == null) {
            throw new IllegalStateException("not started");
        }
        return serverSocket.getLocalPort();
    }

    /** The WADO-RS endpoint's bound port (the chosen one when configured with port 0); only when it is enabled. */
    public int wadoPort() {
        if (wado == null) {
            throw new IllegalStateException("the WADO-RS endpoint is not running (" + WadoConfig.ENABLED + ")");
        }
        return wado.port();
    }

    /**
     * Alive while the accept loop runs and {@code accept()} has not failed {@value #ACCEPT_FAILURES_ALIVE} times in
     * a row (about half a minute of back-off: descriptors leaked somewhere, which a restart gives back).
     */
    public Health health() {
        if (acceptThread == null || !acceptThread.isAlive()) {
            return Health.down("the accept loop is not running");
        }
        int failures = acceptFailures;
        if (failures >= ACCEPT_FAILURES_ALIVE) {
            return Health.down("accept() failed " + failures + " times in a row");
        }
        return Health.up("accepting on port " + serverSocket.getLocalPort() + ", " + gate.freeSlots()
                + " association slots free");
    }

    int pendingStudyCount() {
        return tracker.pendingStudyCount();
    }

    int pendingEventCount() {
        return outbox.pendingCount();
    }

    int freeAssociationSlots() {
        return gate.freeSlots();
    }

    int pendingConnectionCount() {
        return pending.size();
    }

    @Override
    public void close() {
        closed = true;
        if (wado != null) {
            wado.close();
        }
        try {
            if (serverSocket != null) {
                serverSocket.close();
            }
            if (acceptThread != null) {
                acceptThread.interrupt();
                acceptThread.join(TimeUnit.SECONDS.toMillis(5));
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
        handshakeTimer.ifPresent(ExecutorService::shutdownNow);
        tracker.cancelWakeUps();
        scheduler.shutdownNow();
        outbox.close();
        LOG.info("DICOM listener {} stopped", config.aeTitle());
    }

    /**
     * Accepts until closed. A failing {@code accept()} (EMFILE and ENFILE when file descriptors run out, ENOBUFS, ...)
     * does not end the loop: the listener would stay up and deaf, which no health check of the port notices. It waits,
     * with back-off, and tries again for as long as it takes.
     */
    private void acceptLoop() {
        int failures = 0;
        while (!closed) {
            acceptFailures = failures;
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                failures++;
                Duration pause = Jitter.EQUAL.apply(ACCEPT_RETRY.delayBefore(Math.min(failures, 64) + 1));
                LOG.error("Accepting a connection failed ({} in a row): {}; trying again in {} ms", failures,
                        e.getMessage(), pause.toMillis());
                if (!pause(pause)) {
                    return;
                }
                continue;
            }
            if (failures > 0) {
                LOG.info("Accepting connections again after {} failure(s)", failures);
                failures = 0;
            }
            dispatch(socket);
        }
    }

    private void dispatch(Socket socket) {
        activeSockets.add(socket);
        pending.add(socket).ifPresent(oldest -> {
            LOG.warn("More than {} connections without an association request: closing the oldest, {}",
                    config.limits().maxPendingAssociations(), oldest.getRemoteSocketAddress());
            closeQuietly(oldest);
        });
        Runnable onEnd = () -> {
            pending.remove(socket);
            activeSockets.remove(socket);
        };
        AssociationSession session = new AssociationSession(socket, security, gate, acceptor, intake,
                () -> pending.remove(socket), onEnd, fatal);
        try {
            associations.execute(session);
        } catch (RejectedExecutionException e) {
            closeQuietly(socket);
            onEnd.run();
        }
    }

    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // dropping the connection is the point
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
            case IGNORED -> {
                // counted and logged by IgnoredInstances
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

    /**
     * Daemon threads whose death by an uncaught {@link OutOfMemoryError} ends the process: a listener missing its
     * accept loop, its outbox or an association thread in a broken state must be restarted, not left running.
     */
    private ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((dead, error) -> {
                if (error instanceof OutOfMemoryError) {
                    fatal.exit(dead.getName(), error);
                } else {
                    LOG.error("Thread {} ended with an unexpected error", dead.getName(), error);
                }
            });
            return thread;
        };
    }
}
