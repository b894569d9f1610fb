package org.spagateway.events;

/** Kafka header names on records of {@link Topic#DEAD_LETTER}. */
public final class DeadLetterHeaders {
    /** Machine-readable reason code, e.g. {@code SCHEMA_INVALID}. */
    public static final String REASON_CODE = "spa_dlq_reason_code";
    /** Human-readable reason. */
    public static final String REASON = "spa_dlq_reason";
    /** Topic the record was consumed from. */
    public static final String SOURCE_TOPIC = "spa_dlq_source_topic";
    /** The component that gave up on it. */
    public static final String COMPONENT = "spa_dlq_component";

    /** The export destination (its configured name) a dead-lettered export record failed for. */
    public static final String DESTINATION = "spa_dlq_destination";
    /** How many delivery attempts were made before giving up, as a decimal number. */
    public static final String ATTEMPTS = "spa_dlq_attempts";

    private DeadLetterHeaders() {
    }
}
