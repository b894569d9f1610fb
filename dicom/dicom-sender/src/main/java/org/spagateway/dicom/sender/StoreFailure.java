package org.spagateway.dicom.sender;

/** Why a C-STORE did not store the instance, before deciding whether that is worth retrying. */
public enum StoreFailure {
    /** The TCP connection was refused or reset: the SCP is down or restarting. */
    CONNECTION_REFUSED,
    /** No answer within the configured timeout (connect, association or C-STORE response). */
    TIMEOUT,
    /** The host name did not resolve. */
    UNKNOWN_HOST,
    /** A-ASSOCIATE-RJ with result rejected-transient (PS3.8 9.3.4), e.g. temporary congestion. */
    ASSOCIATION_REJECTED_TRANSIENT,
    /** A-ASSOCIATE-RJ with result rejected-permanent, e.g. calling or called AE title not recognized. */
    ASSOCIATION_REJECTED_PERMANENT,
    /** The SCP or the network aborted the association (A-ABORT, A-P-ABORT) or closed it unexpectedly. */
    ASSOCIATION_ABORTED,
    /** The SCP accepted no presentation context for the instance's SOP class. */
    SOP_CLASS_NOT_ACCEPTED,
    /** The C-STORE response carried a failure status; see the outcome's DIMSE status. */
    DIMSE_FAILURE,
    /** The file is missing, unreadable or not DICOM. */
    FILE_UNREADABLE,
    /**
     * The TLS handshake failed: the destination's certificate is not trusted or does not name its host, it refused
     * ours, or no TLS version is common. Retried like an unreachable destination: it ends when a certificate or a
     * trust store is fixed, and the SEG must not be dead-lettered meanwhile.
     */
    TLS_HANDSHAKE_FAILED,
    /** Any other I/O failure on the connection. */
    NETWORK_ERROR
}
