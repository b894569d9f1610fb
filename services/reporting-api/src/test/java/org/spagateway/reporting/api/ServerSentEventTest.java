package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServerSentEventTest {

    @Test
    void framesTheEventTypeIdAndEveryDataLineAndEndsWithABlankLine() {
        byte[] frame = new ServerSentEvent("candidates-ready", "e-1", "{\"a\":1}\nsecond\r\nthird").frame();

        assertThat(new String(frame, StandardCharsets.UTF_8)).isEqualTo("event: candidates-ready\nid: e-1\n"
                + "data: {\"a\":1}\ndata: second\ndata: third\n\n");
    }

    @Test
    void refusesLineBreaksInFieldsThatWouldForgeAnotherField() {
        assertThatThrownBy(() -> new ServerSentEvent("x\ndata: forged", "", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerSentEvent("x", "1\r\nevent: y", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commentsAndTheRetryFieldAreSingleBlocks() {
        assertThat(new String(ServerSentEvent.comment("heart\nbeat"), StandardCharsets.UTF_8))
                .isEqualTo(": heart beat\n\n");
        assertThat(new String(ServerSentEvent.retry(2000), StandardCharsets.UTF_8)).isEqualTo("retry: 2000\n\n");
    }

    @Test
    void aSessionEventCarriesIdsAndNumbersOnly() {
        SessionEvent event = new SessionEvent(SessionEvent.CANDIDATES_READY, "e-2", "spa-1", 2, 4, null,
                Instant.parse("2026-11-27T10:17:04Z"));

        String frame = new String(event.toServerSentEvent().frame(), StandardCharsets.UTF_8);

        assertThat(frame).startsWith("event: candidates-ready\nid: e-2\ndata: {")
                .contains("\"sessionId\":\"spa-1\"", "\"round\":2", "\"candidateCount\":4")
                .doesNotContain("approvedBy").endsWith("}\n\n");
    }
}
