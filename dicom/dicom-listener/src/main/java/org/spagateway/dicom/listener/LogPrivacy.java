package org.spagateway.dicom.listener;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Keeps identifying values out of logs unless {@code spa.listener.log-phi=true}. DICOM UIDs can identify a patient's
 * study (HIPAA treats them as unique identifying numbers), so by default they are logged as a short SHA-256 prefix:
 * enough to correlate log lines, not enough to look a study up without already knowing its UID.
 */
final class LogPrivacy {

    /** Longer than any AE title (16) or address; a hostile peer's string is cut here. */
    static final int MAX_PEER_TEXT = 64;

    private final boolean logPhi;

    LogPrivacy(boolean logPhi) {
        this.logPhi = logPhi;
    }

    /**
     * A string a peer chose (an AE title, a message quoting one) as it may go into a log line: every character outside
     * printable ASCII becomes {@code ?} and it is cut at {@value #MAX_PEER_TEXT}, so a title holding a line break
     * cannot forge a log line.
     */
    static String peerText(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder printable = new StringBuilder(Math.min(text.length(), MAX_PEER_TEXT));
        for (int i = 0; i < text.length() && printable.length() < MAX_PEER_TEXT; i++) {
            char c = text.charAt(i);
            printable.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return printable.toString();
    }

    String uid(String uid) {
        if (uid == null || logPhi) {
            return uid;
        }
        byte[] hash = Part10Files.sha256().digest(uid.getBytes(StandardCharsets.US_ASCII));
        return "uid#" + HexFormat.of().formatHex(hash, 0, 6);
    }
}
