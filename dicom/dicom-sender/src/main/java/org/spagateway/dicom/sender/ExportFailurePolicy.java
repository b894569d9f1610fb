package org.spagateway.dicom.sender;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import org.spagateway.dicom.sender.StoreOutcome.Disposition;

/**
 * Which C-STORE failures are worth retrying. Retriable: the peer is down, busy or slow (connection refused, timeouts,
 * A-ASSOCIATE-RJ rejected-transient, aborts, Out of Resources A7xx, Processing failure 0110, Resource limitation
 * 0213). Permanent: repeating the same request fails the same way (A-ASSOCIATE-RJ rejected-permanent such as an
 * unknown calling AE, no accepted presentation context, SOP Class not supported 0122, Not authorized 0124, Data Set
 * does not match SOP Class A9xx, Cannot understand Cxxx, an unreadable file). Unknown failure statuses are retried:
 * the retries are bounded and end in the dead-letter topic, which is safer than giving up on a status we do not know.
 * Statuses: PS3.4 Table B.2-1 (Storage Service Class) and PS3.7 Annex C (general DIMSE statuses).
 */
public final class ExportFailurePolicy {

    private ExportFailurePolicy() {
    }

    /** The disposition of a C-STORE response status. */
    public static Disposition forStatus(int status) {
        if (status == 0x0000) {
            return Disposition.STORED;
        }
        // Duplicate SOP Instance (PS3.7 C.5.7): the SCP already holds this UID. Our SEG UIDs are deterministic, so
        // it is our instance from an earlier delivery: the export's goal is met.
        if ((status & 0xF000) == 0xB000 || status == 0x0111) {
            return Disposition.STORED_WITH_WARNING;
        }
        if ((status & 0xFF00) == 0xA700 || status == 0x0110 || status == 0x0213 || status == 0x0210
                || status == 0xFE00) {
            return Disposition.RETRIABLE;
        }
        if ((status & 0xFF00) == 0xA900 || (status & 0xF000) == 0xC000 || status == 0x0122 || status == 0x0124
                || status == 0x0117 || status == 0x0211 || status == 0x0212) {
            return Disposition.PERMANENT;
        }
        return Disposition.RETRIABLE;
    }

    /** The disposition of a failure that happened before any C-STORE response. */
    public static Disposition forFailure(StoreFailure failure) {
        return switch (failure) {
            case CONNECTION_REFUSED, TIMEOUT, UNKNOWN_HOST, ASSOCIATION_REJECTED_TRANSIENT, ASSOCIATION_ABORTED,
                    NETWORK_ERROR, DIMSE_FAILURE, TLS_HANDSHAKE_FAILED, HTTP_UNAVAILABLE -> Disposition.RETRIABLE;
            case ASSOCIATION_REJECTED_PERMANENT, SOP_CLASS_NOT_ACCEPTED, FILE_UNREADABLE, HTTP_REFUSED,
                    RESPONSE_UNREADABLE -> Disposition.PERMANENT;
        };
    }

    /** Classifies an I/O failure on the connection. */
    public static StoreFailure forIoException(IOException e) {
        if (e instanceof SSLHandshakeException) {
            return StoreFailure.TLS_HANDSHAKE_FAILED;
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return StoreFailure.CONNECTION_REFUSED;
        }
        // The JDK's HTTP client (STOW-RS) reports its connect and request timeouts as HttpTimeoutException.
        if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
            return StoreFailure.TIMEOUT;
        }
        if (e instanceof UnknownHostException) {
            return StoreFailure.UNKNOWN_HOST;
        }
        if (e instanceof EOFException) {
            return StoreFailure.ASSOCIATION_ABORTED;
        }
        return StoreFailure.NETWORK_ERROR;
    }

    /**
     * Classifies a DICOM upper-layer failure from its message, as the toolkit reports it (e.g. {@code A-ASSOCIATE-RJ
     * indication - rejected-permanent by DICOM UL Service User, calling AE Title not recognized}, PS3.8 9.3.4).
     */
    public static StoreFailure forUpperLayerMessage(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        // The toolkit wraps transport failures of the association request as "A-P-ABORT indication - (host:port)
        // - java.net.ConnectException: ...": the wrapped exception says what happened.
        if (text.contains("connectexception") || text.contains("noroutetohostexception")) {
            return StoreFailure.CONNECTION_REFUSED;
        }
        if (text.contains("sockettimeoutexception")) {
            return StoreFailure.TIMEOUT;
        }
        if (text.contains("unknownhostexception")) {
            return StoreFailure.UNKNOWN_HOST;
        }
        if (text.contains("a-associate-rj")) {
            return text.contains("rejected-transient") ? StoreFailure.ASSOCIATION_REJECTED_TRANSIENT
                    : StoreFailure.ASSOCIATION_REJECTED_PERMANENT;
        }
        if (text.contains("presentation context")) {
            return StoreFailure.SOP_CLASS_NOT_ACCEPTED;
        }
        if (text.contains("abort") || text.contains("release")) {
            return StoreFailure.ASSOCIATION_ABORTED;
        }
        return StoreFailure.NETWORK_ERROR;
    }

    /** What a status means, in words, for logs and dead-letter reasons (e.g. {@code out of resources}). */
    public static String describeStatus(int status) {
        return switch (forStatus(status)) {
            case STORED -> "success";
            case STORED_WITH_WARNING -> status == 0x0111 ? "duplicate SOP instance, already stored" : "warning";
            case RETRIABLE -> (status & 0xFF00) == 0xA700 ? "out of resources" : status == 0x0110
                    ? "processing failure" : "failure, retriable";
            case PERMANENT -> status == 0x0122 ? "SOP class not supported" : (status & 0xFF00) == 0xA900
                    ? "data set does not match SOP class" : (status & 0xF000) == 0xC000 ? "cannot understand"
                    : "refused";
        };
    }

    /** {@code status} as four upper-case hex digits, as the standard writes them. */
    public static String hex(int status) {
        return String.format("%04X", status);
    }
}
