package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spagateway.events.Clinician;
import org.spagateway.sessions.SessionView;

class SessionEventHubTest {

    private static final Clinician RIVERA = LedgerFixtures.RIVERA;
    private static final Clinician OKAFOR = LedgerFixtures.OKAFOR;

    private final Map<String, SessionView> sessions = new HashMap<>();
    private SessionEventHub hub = hub(2, Duration.ofMinutes(5));

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void sendsAnEventOnlyToStreamsWhoseCallerMayViewTheSession() {
        sessions.put("spa-1", view("spa-1", OKAFOR));
        RecordingSink rivera = new RecordingSink();
        RecordingSink okafor = new RecordingSink();
        hub.open(clinician(RIVERA), rivera);
        hub.open(clinician(OKAFOR), okafor);

        hub.publish(event("spa-1"));

        assertThat(okafor.text()).contains("event: candidates-ready", "\"sessionId\":\"spa-1\"");
        assertThat(rivera.text()).doesNotContain("candidates-ready");
        assertThat(rivera.text()).startsWith("retry: " + SessionEventHub.RETRY_MILLIS);
    }

    @Test
    void anUnclaimedSessionReachesCliniciansAndAnUnknownOneOnlyDevelopmentMode() {
        sessions.put("spa-open", view("spa-open", null));
        RecordingSink rivera = new RecordingSink();
        RecordingSink dev = new RecordingSink();
        hub.open(clinician(RIVERA), rivera);
        hub.open(Caller.unverified("ris"), dev);

        hub.publish(event("spa-open"));
        hub.publish(event("spa-gone"));

        assertThat(rivera.text()).contains("spa-open").doesNotContain("spa-gone");
        assertThat(dev.text()).contains("spa-open", "spa-gone");
    }

    @Test
    void refusesAStreamBeyondTheLimitAndCountsClosedOnesFree() {
        RecordingSink first = new RecordingSink();
        assertThat(hub.open(Caller.unverified("a"), first)).isTrue();
        assertThat(hub.open(Caller.unverified("b"), new RecordingSink())).isTrue();
        assertThat(hub.open(Caller.unverified("c"), new RecordingSink())).isFalse();

        first.close();

        assertThat(hub.openStreams()).isEqualTo(1);
        assertThat(hub.open(Caller.unverified("c"), new RecordingSink())).isTrue();
    }

    @Test
    void closingTheHubEndsEveryStreamAndRefusesNewOnes() {
        RecordingSink sink = new RecordingSink();
        hub.open(Caller.unverified("a"), sink);

        hub.close();

        assertThat(sink.closed).isTrue();
        assertThat(hub.openStreams()).isZero();
        assertThat(hub.open(Caller.unverified("b"), new RecordingSink())).isFalse();
    }

    @Test
    void sendsHeartbeatsOnEveryStream() {
        hub.close();
        hub = hub(5, Duration.ofSeconds(1));
        RecordingSink sink = new RecordingSink();
        hub.open(Caller.unverified("a"), sink);

        await().atMost(Duration.ofSeconds(5)).until(() -> sink.text().contains(": heartbeat"));
    }

    private SessionEventHub hub(int max, Duration heartbeat) {
        return new SessionEventHub(id -> Optional.ofNullable(sessions.get(id)), new EventStreamConfig(max, heartbeat));
    }

    private static Caller clinician(Clinician clinician) {
        return new Caller(clinician.id(), Optional.of(clinician), EnumSet.of(Caller.Role.CLINICIAN), true);
    }

    private static SessionEvent event(String sessionId) {
        return new SessionEvent(SessionEvent.CANDIDATES_READY, "e-" + sessionId, sessionId, 2, 4, null,
                Instant.parse("2026-11-27T10:17:04Z"));
    }

    private static SessionView view(String sessionId, Clinician owner) {
        return new SessionView(LedgerFixtures.sessionRecord(sessionId, owner), List.of(), Map.of());
    }

    /** A sink that keeps what it was sent. */
    static final class RecordingSink implements EventStreamSink {

        private final List<byte[]> frames = new ArrayList<>();
        private final List<Runnable> onClosed = new ArrayList<>();
        volatile boolean closed;

        @Override
        public synchronized boolean send(byte[] frame) {
            if (closed) {
                return false;
            }
            frames.add(frame);
            return true;
        }

        @Override
        public void close() {
            List<Runnable> actions;
            synchronized (this) {
                closed = true;
                actions = List.copyOf(onClosed);
            }
            actions.forEach(Runnable::run);
        }

        @Override
        public synchronized void onClosed(Runnable action) {
            onClosed.add(action);
        }

        synchronized String text() {
            StringBuilder text = new StringBuilder();
            frames.forEach(frame -> text.append(new String(frame, StandardCharsets.UTF_8)));
            return text.toString();
        }
    }
}
