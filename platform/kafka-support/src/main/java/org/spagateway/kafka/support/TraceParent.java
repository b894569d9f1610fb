package org.spagateway.kafka.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.spagateway.events.EventEnvelope;

/**
 * W3C Trace Context ({@code traceparent}, version 00) for the gateway's events. The trace is the study arrival or
 * session an event belongs to: its trace id is the event's correlation id (a UUID's 32 hex digits, or a hash of any
 * other id), so every record, HTTP call and FHIR record caused by one C-STORE carries the same trace id without any
 * service having to pass headers on; the parent (span) id is derived from the event id, so a redelivered event
 * repeats its own. Tracing tools (OpenTelemetry collectors, Jaeger, Tempo) can follow a study across Kafka hops.
 */
public final class TraceParent {

    /** The header name, in Kafka records and HTTP requests alike. */
    public static final String HEADER = "traceparent";
    private static final Pattern UUID_HEX = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern VALUE = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

    private TraceParent() {
    }

    /** {@code 00-<trace id>-<span id>-01} of {@code event} (sampled). */
    public static String of(EventEnvelope<?> event) {
        return of(traceOf(event), event.eventId());
    }

    /** The trace id of {@code event}: of its correlation id, or of its own id when it has none. */
    public static String traceId(EventEnvelope<?> event) {
        return traceId(traceOf(event));
    }

    private static String traceOf(EventEnvelope<?> event) {
        return event.correlationId() == null ? event.eventId() : event.correlationId();
    }

    /** The traceparent of a trace identified by {@code correlationId}, for the step identified by {@code stepId}. */
    public static String of(String correlationId, String stepId) {
        return "00-" + traceId(correlationId) + "-" + digest("span", stepId).substring(0, 16) + "-01";
    }

    /** The 32-hex-digit trace id of a correlation id. */
    public static String traceId(String correlationId) {
        String hex = correlationId.replace("-", "").toLowerCase(Locale.ROOT);
        if (UUID_HEX.matcher(hex).matches() && !hex.equals("0".repeat(32))) {
            return hex;
        }
        return digest("trace", correlationId).substring(0, 32);
    }

    /** The trace id of a {@code traceparent} value; empty when it is not one (W3C version 00). */
    public static Optional<String> traceIdOf(String traceparent) {
        var matcher = VALUE.matcher(traceparent == null ? "" : traceparent.trim());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String digest(String kind, String value) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((kind + ":").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
