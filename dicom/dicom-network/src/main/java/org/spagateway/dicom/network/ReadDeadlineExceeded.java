package org.spagateway.dicom.network;

import java.net.SocketTimeoutException;

/**
 * A peer did not deliver something whole in the time it had, however steadily it trickled bytes: the
 * A-ASSOCIATE-RQ within the ARTIM timeout (PS3.8 9.1.5), or the next PDU within the idle timeout.
 */
public final class ReadDeadlineExceeded extends SocketTimeoutException {

    private static final long serialVersionUID = 1L;

    ReadDeadlineExceeded(String message) {
        super(message);
    }
}
