package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.OutboundRecord;
import org.spagateway.retry.Jitter;
import org.spagateway.retry.Pause;
import org.spagateway.retry.RetrySchedule;

class StudyReceivedRecorderTest {

    /** Never contacted: an unreadable record fails before any FHIR request. */
    private final EventRecorder<?> recorder = EventRecorder.studyReceived(new EventCodec(),
            new FhirWriteAttempts(FhirContext.forR4Cached().newRestfulGenericClient("http://127.0.0.1:9/fhir"),
                    new RetrySchedule(1, Duration.ZERO, Duration.ZERO), Pause.SLEEP, Jitter.NONE,
                    new FhirWriteMetrics(new SimpleMeterRegistry())));

    @Test
    void deadLettersAnUnreadableRecordWithItsReasonCode() {
        byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);

        List<OutboundRecord> records = recorder.record(value, "2.25.1", Topic.STUDY_RECEIVED.name());

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo(value);
            assertThat(record.key()).isEqualTo("2.25.1");
            assertThat(record.headers()).containsEntry(DeadLetterHeaders.REASON_CODE, "MALFORMED_JSON")
                    .containsEntry(DeadLetterHeaders.COMPONENT, EventRecorder.STUDY_RECEIVED_COMPONENT)
                    .containsEntry(DeadLetterHeaders.SOURCE_TOPIC, Topic.STUDY_RECEIVED.name());
        });
    }
}
