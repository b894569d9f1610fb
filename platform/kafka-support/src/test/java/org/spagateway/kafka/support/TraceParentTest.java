package org.spagateway.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.RecordsAccessed;

class TraceParentTest {

    @Test
    void takesTheTraceIdFromAUuidCorrelationIdAndTheSpanFromTheEvent() {
        EventEnvelope<RecordsAccessed> event = EventEnvelope.withId("5a0c1f4e-0000-4000-8000-00000000000a",
                EventType.RECORDS_ACCESSED, "/t", "s", "0B9F7A4E-2D55-4F8F-9D7E-1F3B0D9E8C21", Instant.EPOCH,
                new RecordsAccessed("choice-api", "READ", "/sessions/s", "s", null, "u", "127.0.0.1", 200, null));

        String traceparent = TraceParent.of(event);

        assertThat(traceparent).matches("00-0b9f7a4e2d554f8f9d7e1f3b0d9e8c21-[0-9a-f]{16}-01")
                .isEqualTo(TraceParent.of(event));
        assertThat(TraceParent.traceIdOf(traceparent)).hasValue("0b9f7a4e2d554f8f9d7e1f3b0d9e8c21");
    }

    @Test
    void hashesOtherCorrelationIdsAndGivesEachStepItsOwnSpan() {
        String first = TraceParent.of("corr-1", "event-1");
        String second = TraceParent.of("corr-1", "event-2");

        assertThat(TraceParent.traceIdOf(first)).isEqualTo(TraceParent.traceIdOf(second))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32)));
        assertThat(first).isNotEqualTo(second);
        assertThat(TraceParent.traceIdOf(TraceParent.of("corr-2", "event-1"))).isNotEqualTo(
                TraceParent.traceIdOf(first));
        assertThat(TraceParent.traceIdOf("not a traceparent")).isEmpty();
    }
}
