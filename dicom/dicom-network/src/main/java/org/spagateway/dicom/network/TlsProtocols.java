package org.spagateway.dicom.network;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * The TLS versions a DICOM TLS endpoint may use. PS3.15 B.9 (BCP 195 TLS profiles) requires TLS 1.2 or later; SSL,
 * TLS 1.0 and 1.1 are not accepted even when asked for, so a configuration cannot downgrade the gateway.
 */
public final class TlsProtocols {

    /** Offered and accepted by default, most preferred first. */
    public static final List<String> DEFAULT = List.of("TLSv1.3", "TLSv1.2");

    private TlsProtocols() {
    }

    /**
     * The configured versions, each checked.
     *
     * @throws IllegalArgumentException when the list is empty or names anything but TLSv1.3 and TLSv1.2
     */
    public static List<String> require(List<String> protocols) {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS version is required (" + String.join(",", DEFAULT)
                    + ")");
        }
        for (String protocol : protocols) {
            if (!DEFAULT.contains(protocol)) {
                throw new IllegalArgumentException("'" + protocol + "' is not accepted: only "
                        + String.join(" and ", DEFAULT) + " (PS3.15 B.9, BCP 195)");
            }
        }
        return List.copyOf(new LinkedHashSet<>(protocols));
    }
}
