package org.spagateway.dicom.listener;

import java.io.IOException;
import java.util.Locale;

/**
 * Maps storage exceptions to the C-STORE status the sender sees (PS3.4 B.2.3): lack of space (ENOSPC, EDQUOT) is
 * "Refused: Out of Resources" 0xA700, which tells the sender to retry later; any other I/O error is
 * "Processing failure" 0x0110.
 */
final class StorageFailures {

    private StorageFailures() {
    }

    static DimseStatus statusFor(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("no space left") || message.contains("disk quota exceeded")
                    || message.contains("not enough space")) {
                return DimseStatus.OUT_OF_RESOURCES;
            }
        }
        return DimseStatus.PROCESSING_FAILURE;
    }

    /** The failure without file paths (paths contain UIDs): exception type and the operating system's reason. */
    static String describe(IOException failure) {
        if (failure instanceof java.nio.file.FileSystemException fileSystem) {
            return failure.getClass().getSimpleName() + ": " + fileSystem.getReason();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
