package org.spagateway.dicom.listener;

import java.time.Duration;
import java.util.List;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * How many peers the listener serves at once and how long each may take, read from {@code spa.listener.*}: the part
 * of the listener's configuration that keeps slow or hostile peers from locking the modalities out. A connection
 * first has {@link #associationRequestTimeout} to send its whole A-ASSOCIATE-RQ, among at most
 * {@link #maxPendingAssociations} such connections, without an association slot; only an admitted request takes one
 * of {@link #maxAssociations} slots; then every PDU must be at most {@link #maxPduLength} long and arrive whole
 * within {@link #idleTimeout}.
 *
 * @param maxAssociations           established associations at once; more are rejected (A-ASSOCIATE-RJ transient,
 *                                  local-limit-exceeded, PS3.8 9.3.4)
 * @param maxPendingAssociations    connections still sending their A-ASSOCIATE-RQ; one more closes the oldest
 * @param associationRequestTimeout the ARTIM timer (PS3.8 9.1.5): the whole A-ASSOCIATE-RQ must arrive within this
 * @param maxPduLength              Maximum Length Received offered (PS3.8 D.1) and enforced on every P-DATA-TF
 * @param idleTimeout               the longest wait for the next whole PDU on an association
 */
public record AssociationLimits(int maxAssociations, int maxPendingAssociations, Duration associationRequestTimeout,
                                int maxPduLength, Duration idleTimeout) {

    public static final String MAX_ASSOCIATIONS = ListenerConfig.PREFIX + "max-associations";
    public static final String MAX_PENDING_ASSOCIATIONS = ListenerConfig.PREFIX + "max-pending-associations";
    public static final String ASSOCIATION_REQUEST_TIMEOUT = ListenerConfig.PREFIX + "association-request-timeout";
    public static final String MAX_PDU_LENGTH = ListenerConfig.PREFIX + "max-pdu-length";
    public static final String IDLE_TIMEOUT = ListenerConfig.PREFIX + "idle-timeout";

    static final int DEFAULT_MAX_ASSOCIATIONS = 8;
    /** Each pending connection costs a thread for at most the ARTIM timeout; a real requestor needs milliseconds. */
    static final int DEFAULT_MAX_PENDING_ASSOCIATIONS = 128;
    /** dcmtk's storescp waits 30 s (its -ta); a requestor sends its request right after connecting. */
    static final Duration DEFAULT_ASSOCIATION_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_MAX_PDU_LENGTH = 65536;
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** Every option, with its default, for docs/configuration.md. */
    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(MAX_ASSOCIATIONS, Integer.toString(DEFAULT_MAX_ASSOCIATIONS),
                    "Concurrent associations; more are rejected (A-ASSOCIATE-RJ transient, local limit exceeded). A "
                            + "connection takes a slot only once its A-ASSOCIATE-RQ has been read and admitted."),
            new ConfigOption(MAX_PENDING_ASSOCIATIONS, Integer.toString(DEFAULT_MAX_PENDING_ASSOCIATIONS),
                    "Connections still sending their A-ASSOCIATE-RQ; one more closes the oldest of them, so silent "
                            + "or trickling connections cannot keep a modality from connecting."),
            new ConfigOption(ASSOCIATION_REQUEST_TIMEOUT, "10s",
                    "The whole A-ASSOCIATE-RQ must arrive within this of the connection (the ARTIM timer, PS3.8 "
                            + "9.1.5); a peer that is silent or trickles its request is disconnected after it."),
            new ConfigOption(MAX_PDU_LENGTH, Integer.toString(DEFAULT_MAX_PDU_LENGTH),
                    "Maximum PDU length offered to senders, in bytes; a P-DATA-TF longer than this is aborted "
                            + "(A-ABORT) before it is read."),
            new ConfigOption(IDLE_TIMEOUT, "60s",
                    "The longest wait for the next whole PDU on an association: one that sends nothing, or "
                            + "trickles bytes without completing a PDU, for this long is aborted (A-ABORT)."));

    /** Reads and validates the limits. */
    static AssociationLimits from(ConfigSource source) {
        return new AssociationLimits(
                source.integer(MAX_ASSOCIATIONS, DEFAULT_MAX_ASSOCIATIONS, 1, 1000),
                source.integer(MAX_PENDING_ASSOCIATIONS, DEFAULT_MAX_PENDING_ASSOCIATIONS, 1, 10_000),
                positive(ASSOCIATION_REQUEST_TIMEOUT, source.duration(ASSOCIATION_REQUEST_TIMEOUT,
                        DEFAULT_ASSOCIATION_REQUEST_TIMEOUT)),
                source.integer(MAX_PDU_LENGTH, DEFAULT_MAX_PDU_LENGTH, 4096, 16 * 1024 * 1024),
                positive(IDLE_TIMEOUT, source.duration(IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT)));
    }

    private static Duration positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(key, "must be greater than zero");
        }
        return value;
    }
}
