package org.spagateway.dicom.sender;

/**
 * Why a C-STORE (or a DICOMweb STOW-RS request, PS3.18 10.5) did not store the instance, before deciding whether that
 * is worth retrying.
 */
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
    /**
     * The C-STORE response carried a failure status, or a STOW-RS response listed the instance in its Failed SOP
     * Sequence (0008,1198) with a Failure Reason (0008,1197), which uses the same codes; see the outcome's status.
     */
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
    NETWORK_ERROR,
    /**
     * STOW-RS: the origin server answered 408, 429 or 5xx (RFC 9110: busy, overloaded or down). Retried like an
     * unreachable destination, never dead-lettered.
     */
    HTTP_UNAVAILABLE,
    /** STOW-RS: the origin server refused the request with a 4xx other than 408 and 429, or a redirect. */
    HTTP_REFUSED,
    /** STOW-RS: the response cannot tell whether the instance was stored (not DICOM JSON, or not naming it). */
    RESPONSE_UNREADABLE
}
