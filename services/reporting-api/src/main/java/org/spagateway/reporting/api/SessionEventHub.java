package org.spagateway.reporting.api;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionView;

/**
 * The open {@code GET /events} streams of this edge and what goes out on them: each {@link SessionEvent} to every
 * stream whose caller may view the session ({@link SessionAccessPolicy#mayView}, decided on the session as the
 * ledger holds it when the event arrives: a session claimed by another clinician stops reaching the others), a
 * heartbeat comment on every stream every {@link EventStreamConfig#heartbeat()}. At most
 * {@link EventStreamConfig#maxStreams()} streams; closing the hub ends them all (before the HTTP server stops, so
 * shutdown does not wait on them).
 */
final class SessionEventHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEventHub.class);
    /** How long a browser waits before it reconnects (the SSE retry field; the picker backs off on its own too). */
    static final long RETRY_MILLIS = 2_000;

    private record Subscriber(Caller caller, EventStreamSink sink) {
    }

    /** The session as stored now ({@link SessionLedger#find}). */
    @FunctionalInterface
    interface SessionLookup {
        Optional<SessionView> find(String sessionId) throws IOException;
    }

    private final SessionLookup ledger;
    private final EventStreamConfig config;
    private final SessionAccessPolicy policy = new SessionAccessPolicy();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats;
    private boolean closed;

    SessionEventHub(SessionLedger ledger, EventStreamConfig config) {
        this((SessionLookup) ledger::find, config);
    }

    SessionEventHub(SessionLookup ledger, EventStreamConfig config) {
        this.ledger = ledger;
        this.config = config;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "choice-api-event-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = config.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeatGuarded, period, period, TimeUnit.MILLISECONDS);
    }

    /** A periodic task that throws is never run again by its scheduler: every stream would then time out. */
    private void heartbeatGuarded() {
        try {
            heartbeat();
        } catch (RuntimeException e) {
            LOG.warn("Heartbeat of the live event streams failed; trying again next period", e);
        }
    }

    EventStreamConfig config() {
        return config;
    }

    /**
     * Adds a stream for {@code caller} and sends its opening frames.
     *
     * @return false when {@link EventStreamConfig#maxStreams()} are open or the hub is closed: the caller answers
     *         503 and the sink is not used
     */
    synchronized boolean open(Caller caller, EventStreamSink sink) {
        if (closed || subscribers.size() >= config.maxStreams()) {
            return false;
        }
        Subscriber subscriber = new Subscriber(caller, sink);
        subscribers.add(subscriber);
        sink.onClosed(() -> subscribers.remove(subscriber));
        sink.send(ServerSentEvent.retry(RETRY_MILLIS));
        sink.send(ServerSentEvent.comment("connected"));
        return true;
    }

    int openStreams() {
        return subscribers.size();
    }

    /** Sends the event to every stream that may see its session. */
    void publish(SessionEvent event) {
        if (subscribers.isEmpty()) {
            return;
        }
        Optional<SessionView> session;
        try {
            session = ledger.find(event.sessionId());
        } catch (IOException e) {
            LOG.warn("Event {} of a session not sent to verified callers: the ledger could not be read ({})",
                    event.type(), e.toString());
            session = Optional.empty();
        }
        byte[] frame = event.toServerSentEvent().frame();
        for (Subscriber subscriber : subscribers) {
            if (mayView(subscriber.caller(), session)) {
                subscriber.sink().send(frame);
            }
        }
    }

    private boolean mayView(Caller caller, Optional<SessionView> session) {
        if (!caller.verified()) {
            return true;
        }
        return session.isPresent() && policy.mayView(caller, session.get()).isEmpty();
    }

    private void heartbeat() {
        byte[] frame = ServerSentEvent.comment("heartbeat");
        for (Subscriber subscriber : subscribers) {
            subscriber.sink().send(frame);
        }
    }

    /** Ends every stream and refuses new ones. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        heartbeats.shutdownNow();
        for (Subscriber subscriber : subscribers) {
            subscriber.sink().close();
        }
        subscribers.clear();
    }
}
