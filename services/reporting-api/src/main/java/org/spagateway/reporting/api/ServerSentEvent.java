package org.spagateway.reporting.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One frame of a {@code text/event-stream} (HTML Living Standard, "Server-sent events", 9.2.6): optional
 * {@code event:} and {@code id:} fields, the data split into {@code data:} lines, an empty line to dispatch; or a
 * comment line (heartbeat). Field values never contain line breaks (they would forge fields): they are refused.
 *
 * @param event the event type, empty for the default {@code message}
 * @param id    the event id, empty for none
 * @param data  the data (line breaks become several {@code data:} lines)
 */
record ServerSentEvent(String event, String id, String data) {

    ServerSentEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(data, "data");
        if (event.indexOf('\n') >= 0 || event.indexOf('\r') >= 0 || id.indexOf('\n') >= 0
                || id.indexOf('\r') >= 0 || id.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("event and id must be single lines");
        }
    }

    byte[] frame() {
        StringBuilder frame = new StringBuilder();
        if (!event.isEmpty()) {
            frame.append("event: ").append(event).append('\n');
        }
        if (!id.isEmpty()) {
            frame.append("id: ").append(id).append('\n');
        }
        for (String line : data.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A comment line: ignored by the client, keeps the connection busy. */
    static byte[] comment(String text) {
        return (": " + text.replaceAll("[\r\n]", " ") + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The reconnection time the client should wait (the {@code retry:} field), sent once at the start. */
    static byte[] retry(long millis) {
        return ("retry: " + millis + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
