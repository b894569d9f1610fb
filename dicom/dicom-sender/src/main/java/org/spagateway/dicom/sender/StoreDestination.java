package org.spagateway.dicom.sender;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A DICOM Storage SCP to send to: an export destination such as a PACS.
 *
 * @param name    the configured name, used in logs, events and dead-letter headers
 * @param aeTitle the called AE title
 * @param host    host name or address
 * @param port    TCP port
 * @param tls     whether associations to it run over TLS (PS3.15 B.1), with the store client's TLS settings
 */
public record StoreDestination(String name, String aeTitle, String host, int port, boolean tls) {

    /** PS3.5 VR AE: 1-16 characters, no backslash or control characters. */
    private static final Pattern AE_TITLE = Pattern.compile("^[^\\\\\\x00-\\x1f]{1,16}$");

    public StoreDestination {
        Objects.requireNonNull(name, "name");
        requireAeTitle(aeTitle, "aeTitle");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " outside [1, 65535]");
        }
    }

    /** A destination reached without TLS. */
    public StoreDestination(String name, String aeTitle, String host, int port) {
        this(name, aeTitle, host, port, false);
    }

    /** Whether {@code aeTitle} is a valid AE title with at least one non-space character. */
    public static boolean isValidAeTitle(String aeTitle) {
        return aeTitle != null && AE_TITLE.matcher(aeTitle).matches() && !aeTitle.isBlank();
    }

    static void requireAeTitle(String aeTitle, String what) {
        if (!isValidAeTitle(aeTitle)) {
            throw new IllegalArgumentException(what + " '" + aeTitle + "' is not a DICOM AE title (1-16 characters)");
        }
    }

    @Override
    public String toString() {
        return name + " (" + aeTitle + "@" + host + ":" + port + (tls ? ", TLS" : "") + ")";
    }
}
