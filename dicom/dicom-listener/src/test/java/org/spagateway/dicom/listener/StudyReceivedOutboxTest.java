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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.CompletionReason;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.StudyReceived;

class StudyReceivedOutboxTest {

    @TempDir
    Path root;

    @Test
    void keepsAnUndeliveredEventInTheOutboxAndPublishesItAtTheNextStart() throws IOException {
        StudyReceivedOutbox down = publisher(event -> {
            throw new IllegalStateException("broker down");
        });
        down.start();
        EventEnvelope<StudyReceived> event = event();
        down.enqueue(event);
        down.close();
        assertThat(outbox()).hasSize(1);

        List<EventEnvelope<StudyReceived>> delivered = new CopyOnWriteArrayList<>();
        StudyReceivedOutbox up = publisher(delivered::add);
        up.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
        up.close();
        assertThat(delivered.get(0).eventId()).isEqualTo(event.eventId());
        assertThat(delivered.get(0).data()).isEqualTo(event.data());
        assertThat(outbox()).isEmpty();
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
        Instant at = Instant.parse("2025-01-01T08:00:00Z");
        StoredInstance instance = TestDatasets.instance("1.2.3", "1.2.3.1", "1.2.3.1.1", "CT", at,
                OptionalInt.empty(), "MODALITY");
        CompletedStudy study = new CompletedStudy("1.2.3", 1, CompletionReason.QUIET_PERIOD, List.of(instance),
                Set.of(instance.sopInstanceUid()), "MODALITY", at, at);
        return new StudyReceivedFactory("SPA_GATEWAY").toEvent(study, at);
    }
}
