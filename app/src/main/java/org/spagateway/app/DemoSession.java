package org.spagateway.app;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventType;
import org.spagateway.events.ProfileUpdated;
import org.spagateway.events.SessionApproved;
import org.spagateway.events.Topic;

/**
 * The second half of the demo: a SIMULATED clinician works through the session over the choice API exactly as a
 * reporting system would: picks the candidate that represents most samples in round 1, approves the recommendation
 * of round 2, and the demo reports the next round, the choice log, the profile update and the final SEG.
 */
final class DemoSession {

    static final String CLINICIAN_ID = "demo-clinician";
    private static final String CLINICIAN = "{\"id\":\"" + CLINICIAN_ID
            + "\",\"system\":\"urn:spa-gateway:demo\",\"personName\":\"Demo^Simulated^^Dr\"}";

    private final URI choiceApi;
    private final EventTail tail;
    private final PrintStream out;
    private final Duration timeout;
    private final EventCodec codec = new EventCodec();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int profileUpdates;

    DemoSession(URI choiceApi, EventTail tail, PrintStream out, Duration timeout) {
        this.choiceApi = choiceApi;
        this.tail = tail;
        this.out = out;
        this.timeout = timeout;
    }

    /** Runs the choices; true when the session ended approved with its final SEG stored. */
    boolean run(CandidatesReady first) throws IOException, InterruptedException {
        String session = first.sessionId();
        out.printf("%nDemo: a SIMULATED clinician (%s) chooses over the choice API %s%n", CLINICIAN_ID, choiceApi);
        post(String.format("{\"sessionId\":\"%s\",\"round\":1,\"decision\":\"CANDIDATE\","
                + "\"candidate\":{\"rank\":1,\"segmentNumber\":2},\"clinician\":%s}", session, CLINICIAN));
        Optional<CandidatesReady> second = await(Topic.CANDIDATES_READY, EventType.CANDIDATES_READY,
                (CandidatesReady ready) -> ready.sessionId().equals(session) && ready.round() == 2);
        if (second.isEmpty()) {
            return false;
        }
        out.printf("Kafka %s: CandidatesReady round 2: recommended %d px, candidates %s px%n",
                Topic.CANDIDATES_READY.name(), second.get().recommended().areaPixels(),
                second.get().candidates().stream().map(c -> String.valueOf(c.areaPixels()))
                        .collect(java.util.stream.Collectors.joining("/")));
        post(String.format("{\"sessionId\":\"%s\",\"round\":2,\"decision\":\"APPROVE\",\"clinician\":%s}", session,
                CLINICIAN));
        Optional<SessionApproved> approved = await(Topic.SESSION_APPROVED, EventType.SESSION_APPROVED,
                (SessionApproved event) -> event.sessionId().equals(session));
        if (approved.isEmpty()) {
            return false;
        }
        out.printf("Kafka %s: SessionApproved round %d by %s: final SEG %s (%d px)%n", Topic.SESSION_APPROVED.name(),
                approved.get().round(), approved.get().approvedBy().id(),
                Path.of(URI.create(approved.get().segmentation().location())), approved.get().areaPixels());
        awaitProfileUpdates(2);
        out.printf("    The session as a reporting system reads it: curl %s/sessions/%s%n", choiceApi, session);
        return true;
    }

    private void post(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(choiceApi.resolve("/choices"))
                .header("Content-Type", "application/json").header("X-Spa-User", CLINICIAN_ID)
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        out.printf("HTTP POST /choices %s -> %d %s%n", body.replaceAll(",\"clinician\".*", "}"),
                response.statusCode(), response.body());
    }

    /**
     * Waits for the event on {@code topic} that {@code wanted} accepts, printing the choice log and profile
     * updates seen meanwhile.
     */
    private <T> Optional<T> await(Topic topic, EventType type, Predicate<T> wanted) {
        Instant deadline = Instant.now().plus(timeout);
        Optional<T> found = Optional.empty();
        while (found.isEmpty() && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : tail.poll(Duration.ofMillis(500))) {
                reportSideEvents(record);
                if (found.isEmpty() && record.topic().equals(topic.name())) {
                    T data = codec.<T>decode(record.value(), type).data();
                    if (wanted.test(data)) {
                        found = Optional.of(data);
                    }
                }
            }
        }
        if (found.isEmpty()) {
            out.printf("Demo: no %s within %s%n", type.typeName(), timeout);
        }
        return found;
    }

    /**
     * Reports the profile updates of the session's choices (one per choice), which the profiles service publishes
     * asynchronously.
     */
    private void awaitProfileUpdates(int updates) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (profileUpdates < updates && Instant.now().isBefore(deadline)) {
            tail.poll(Duration.ofMillis(500)).forEach(this::reportSideEvents);
        }
    }

    private void reportSideEvents(ConsumerRecord<String, String> record) {
        if (record.topic().equals(Topic.CHOICE_APPLIED.name())) {
            ChoiceApplied applied = codec.<ChoiceApplied>decode(record.value(), EventType.CHOICE_APPLIED).data();
            out.printf("Kafka %s: ChoiceApplied round %d %s%s%n", record.topic(), applied.round(),
                    applied.decision(), applied.candidate() == null ? "" : " candidate " + applied.candidate().rank());
        } else if (record.topic().equals(Topic.PROFILE_UPDATED.name())) {
            ProfileUpdated profile = codec.<ProfileUpdated>decode(record.value(), EventType.PROFILE_UPDATED).data();
            out.printf("Kafka %s: ProfileUpdated %s / %s version %d (%d choices)%n", record.topic(),
                    profile.clinicianId(), profile.task(), profile.version(), profile.choiceCount());
            if (profile.clinicianId().equals(CLINICIAN_ID)) {
                profileUpdates++;
            }
        }
    }
}
