package org.spagateway.dicom.listener;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Keeps identifying values out of logs unless {@code spa.listener.log-phi=true}. DICOM UIDs can identify a patient's
 * study (HIPAA treats them as unique identifying numbers), so by default they are logged as a short SHA-256 prefix:
 * enough to correlate log lines, not enough to look a study up without already knowing its UID.
 */
final class LogPrivacy {

    private final boolean logPhi;

    LogPrivacy(boolean logPhi) {
        this.logPhi = logPhi;
    }

    String uid(String uid) {
        if (uid == null || logPhi) {
            return uid;
        }
        byte[] hash = Part10Files.sha256().digest(uid.getBytes(StandardCharsets.US_ASCII));
        return "uid#" + HexFormat.of().formatHex(hash, 0, 6);
    }
}
