package org.spagateway.dicom.listener;

/**
 * A-ASSOCIATE-RJ result, source and reason (PS3.8 9.3.4, Table 9-21) for each way the listener refuses an
 * association.
 */
enum AssociateRejection {
    /** Rejected-permanent, service-user, no-reason-given: a request that proposes no presentation context. */
    NO_PRESENTATION_CONTEXT(1, 1, 1),
    /** Rejected-permanent, service-user, application-context-name-not-supported. */
    APPLICATION_CONTEXT_NOT_SUPPORTED(1, 1, 2),
    /** Rejected-permanent, service-user, calling-AE-title-not-recognized. */
    CALLING_AE_NOT_RECOGNIZED(1, 1, 3),
    /** Rejected-permanent, service-user, called-AE-title-not-recognized. */
    CALLED_AE_NOT_RECOGNIZED(1, 1, 7),
    /** Rejected-transient, service-provider (presentation related function), local-limit-exceeded. */
    LOCAL_LIMIT_EXCEEDED(2, 3, 2),
    /** Rejected-permanent, service-provider (ACSE related function), protocol-version-not-supported. */
    PROTOCOL_VERSION_NOT_SUPPORTED(1, 2, 2);

    private final int result;
    private final int source;
    private final int reason;

    AssociateRejection(int result, int source, int reason) {
        this.result = result;
        this.source = source;
        this.reason = reason;
    }

    int result() {
        return result;
    }

    int source() {
        return source;
    }

    int reason() {
        return reason;
    }

    /** The 10-byte A-ASSOCIATE-RJ PDU: type 03, reserved, length 4, reserved, result, source, reason. */
    byte[] pdu() {
        return new byte[] {0x03, 0, 0, 0, 0, 4, 0, (byte) result, (byte) source, (byte) reason};
    }
}
