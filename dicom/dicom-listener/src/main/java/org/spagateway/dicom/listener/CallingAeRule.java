package org.spagateway.dicom.listener;

import java.util.Set;

/**
 * One entry of the calling-AE allow-list: an AE title and, optionally, the hosts (names or IP addresses) it may
 * connect from. An empty host set means any host.
 *
 * @param aeTitle the calling AE title, as sent in the A-ASSOCIATE-RQ (PS3.8 9.3.2), without padding
 * @param hosts   allowed hosts, empty for any
 */
public record CallingAeRule(String aeTitle, Set<String> hosts) {

    public CallingAeRule {
        hosts = Set.copyOf(hosts);
    }

    /** Parses {@code AE} or {@code AE@host}. */
    static CallingAeRule parse(String entry) {
        int at = entry.lastIndexOf('@');
        if (at < 0) {
            return new CallingAeRule(entry.trim(), Set.of());
        }
        return new CallingAeRule(entry.substring(0, at).trim(), Set.of(entry.substring(at + 1).trim()));
    }
}
