package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.CompletionReason;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.StudyReceived;

class StudyReceivedOutboxTest {

    @TempDir
    Path root;

    @Test
    void keepsAnUndeliveredEventInTheOutboxAndPublishesItAtTheNextStart() throws IOException {
        StudyReceivedOutbox down = publisher(event -> {
            throw new IllegalStateException("broker down");
        });
        down.start(recovered -> { });
        EventEnvelope<StudyReceived> event = event();
        enqueue(down, event);
        down.close();
        assertThat(outbox()).hasSize(1);

        List<EventEnvelope<StudyReceived>> delivered = new CopyOnWriteArrayList<>();
        StudyReceivedOutbox up = publisher(delivered::add);
        up.start(recovered -> { });

        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
        up.close();
        assertThat(delivered.get(0).eventId()).isEqualTo(event.eventId());
        assertThat(delivered.get(0).data()).isEqualTo(event.data());
        assertThat(outbox()).isEmpty();
    }

    @Test
    void anEventThatCanNeverBePublishedIsDeadLetteredAndTheStudiesAfterItStillGoOut() throws IOException {
        EventEnvelope<StudyReceived> bad = event("1.2.3");
        EventEnvelope<StudyReceived> good = event("1.2.4");
        List<String> delivered = new CopyOnWriteArrayList<>();
        List<String> deadLettered = new CopyOnWriteArrayList<>();
        StudyReceivedOutbox outbox = publisher(new StudyReceivedSink() {
            @Override
            public void publish(EventEnvelope<StudyReceived> event) {
                if (event.eventId().equals(bad.eventId())) {
                    throw new InvalidEventException(InvalidEventException.Reason.SCHEMA_INVALID,
                            "$.data.series[0].modality: is missing");
                }
                delivered.add(event.eventId());
            }

            @Override
            public void deadLetter(EventEnvelope<StudyReceived> event, String reasonCode, String detail) {
                deadLettered.add(event.eventId() + " " + reasonCode + " " + detail);
            }
        });
        outbox.start(recovered -> { });

        enqueue(outbox, bad);
        enqueue(outbox, good);

        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1 && deadLettered.size() == 1);
        outbox.close();
        assertThat(delivered).containsExactly(good.eventId());
        assertThat(deadLettered)
                .containsExactly(bad.eventId() + " SCHEMA_INVALID $.data.series[0].modality: is missing");
        assertThat(outbox()).as("nothing left to retry").containsExactly(root.resolve(StudyReceivedOutbox.OUTBOX)
                .resolve(StudyReceivedOutbox.REJECTED));
        assertThat(root.resolve(StudyReceivedOutbox.OUTBOX).resolve(StudyReceivedOutbox.REJECTED)
                .resolve(bad.eventId() + ".json")).exists();
    }

    @Test
    void aDeadLetterIsRetriedWhileItsDestinationIsDownAndNeverGivenUp() throws IOException {
        EventEnvelope<StudyReceived> bad = event("1.2.3");
        List<String> deadLettered = new CopyOnWriteArrayList<>();
        AtomicInteger refusals = new AtomicInteger();
        StudyReceivedOutbox outbox = publisher(new StudyReceivedSink() {
            @Override
            public void publish(EventEnvelope<StudyReceived> event) {
                throw new InvalidEventException(InvalidEventException.Reason.SCHEMA_INVALID, "bad");
            }

            @Override
            public void deadLetter(EventEnvelope<StudyReceived> event, String reasonCode, String detail) {
                if (refusals.incrementAndGet() <= 3) {
                    throw new IllegalStateException("broker down");
                }
                deadLettered.add(event.eventId());
            }
        });
        outbox.start(recovered -> { });

        enqueue(outbox, bad);

        await().atMost(Duration.ofSeconds(5)).until(() -> deadLettered.size() == 1);
        outbox.close();
        assertThat(refusals).hasValue(4);
        assertThat(deadLettered).containsExactly(bad.eventId());
    }

    @Test
    void anOutboxFileThatIsNotAnEventIsSetAsideAtStartInsteadOfBlockingTheOthers() throws IOException {
        Path outboxDir = Files.createDirectories(root.resolve(StudyReceivedOutbox.OUTBOX));
        Files.writeString(outboxDir.resolve("torn.json"), "{\"specversion\":");
        EventEnvelope<StudyReceived> good = event("1.2.4");
        Files.writeString(outboxDir.resolve(good.eventId() + ".json"), new EventCodec().encode(good));
        List<String> delivered = new CopyOnWriteArrayList<>();
        StudyReceivedOutbox outbox = publisher(event -> delivered.add(event.eventId()));

        outbox.start(recovered -> { });

        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
        outbox.close();
        assertThat(delivered).containsExactly(good.eventId());
        assertThat(outboxDir.resolve(StudyReceivedOutbox.REJECTED).resolve("torn.json")).exists();
        assertThat(outboxDir.resolve("torn.json")).doesNotExist();
    }

    private StudyReceivedOutbox publisher(StudyReceivedSink sink) {
        return new StudyReceivedOutbox(sink, root, Duration.ofMillis(20), Duration.ofMillis(100));
    }

    private List<Path> outbox() throws IOException {
        try (var files = Files.list(root.resolve(StudyReceivedOutbox.OUTBOX))) {
            return files.toList();
        }
    }

    private static EventEnvelope<StudyReceived> event() {
        return event("1.2.3");
    }

    private static EventEnvelope<StudyReceived> event(String studyUid) {
        Instant at = Instant.parse("2025-01-01T08:00:00Z");
        StoredInstance instance = TestDatasets.instance(studyUid, studyUid + ".1", studyUid + ".1.1", "CT", at,
                OptionalInt.empty(), "MODALITY");
        CompletedStudy study = new CompletedStudy(studyUid, 1, CompletionReason.QUIET_PERIOD, List.of(instance),
                Set.of(instance.sopInstanceUid()), "MODALITY", at, at);
        return new StudyReceivedFactory("SPA_GATEWAY").toEvent(study, at);
    }

    private static void enqueue(StudyReceivedOutbox outbox, EventEnvelope<StudyReceived> event) throws IOException {
        outbox.write(event);
        outbox.queue(event);
    }
}
