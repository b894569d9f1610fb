package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode (CloudEvents JSON Format, section 3). The project's envelope
 * fields map onto CloudEvents attributes: eventId = {@code id}, occurredAt = {@code time}; correlationId and
 * schemaVersion are extension attributes ({@code correlationid}, {@code schemaversion}), lower-case as the
 * specification requires for extension names.
 *
 * @param specVersion   always {@value #SPEC_VERSION}
 * @param eventId       unique per event; consumers deduplicate on it
 * @param source        the producing service, e.g. {@code /spa-gateway/dicom-listener/SPA_GATEWAY}
 * @param type          the event type, see {@link EventType}
 * @param subject       the record key: StudyInstanceUID for study events, session id for session events
 * @param occurredAt    when the fact happened
 * @param correlationId ties together every event caused by one study arrival
 * @param schemaVersion version of the {@code data} schema for this type
 * @param data          the event payload
 */
@JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "datacontenttype",
        "correlationid", "schemaversion", "data"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope<T>(
        @JsonProperty("specversion") String specVersion,
        @JsonProperty("id") String eventId,
        @JsonProperty("source") String source,
        @JsonProperty("type") String type,
        @JsonProperty("subject") String subject,
        @JsonProperty("time") Instant occurredAt,
        @JsonProperty("datacontenttype") String dataContentType,
        @JsonProperty("correlationid") String correlationId,
        @JsonProperty("schemaversion") int schemaVersion,
        @JsonProperty("data") T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(data, "data");
    }

    /** A new event of {@code type} with a random id. */
    public static <T> EventEnvelope<T> of(EventType type, String source, String subject, String correlationId,
                                          Instant occurredAt, T data) {
        return withId(UUID.randomUUID().toString(), type, source, subject, correlationId, occurredAt, data);
    }

    /** A new event with a caller-chosen id: used where redelivery must produce the same event id. */
    public static <T> EventEnvelope<T> withId(String eventId, EventType type, String source, String subject,
                                              String correlationId, Instant occurredAt, T data) {
        return new EventEnvelope<>(SPEC_VERSION, eventId, source, type.typeName(), subject, occurredAt, JSON,
                correlationId, type.schemaVersion(), data);
    }
}
