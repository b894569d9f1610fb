package org.spagateway.dicom.listener;

import java.util.Locale;
import java.util.Set;

/**
 * One entry of the calling-AE allow-list: an AE title and, optionally, the hosts (names or IP addresses) it may
 * connect from or the TLS client certificate it must present (by subject CN). An empty host set means any host; an
 * empty certificate-name set means no certificate binding.
 *
 * @param aeTitle          the calling AE title, as sent in the A-ASSOCIATE-RQ (PS3.8 9.3.2), without padding
 * @param hosts            allowed hosts, empty for any
 * @param certificateNames subject CNs of which the peer's TLS client certificate must carry one; empty for none
 */
public record CallingAeRule(String aeTitle, Set<String> hosts, Set<String> certificateNames) {

    /** The prefix, after {@code @}, of a certificate binding: {@code AE@cn=<subject CN>}. */
    static final String CERTIFICATE_NAME_PREFIX = "cn=";

    public CallingAeRule {
        hosts = Set.copyOf(hosts);
        certificateNames = Set.copyOf(certificateNames);
    }

    public CallingAeRule(String aeTitle, Set<String> hosts) {
        this(aeTitle, hosts, Set.of());
    }

    /** Parses {@code AE}, {@code AE@host} or {@code AE@cn=<subject CN>}. */
    static CallingAeRule parse(String entry) {
        int binding = entry.toLowerCase(Locale.ROOT).indexOf("@" + CERTIFICATE_NAME_PREFIX);
        if (binding >= 0) {
            return new CallingAeRule(entry.substring(0, binding).trim(), Set.of(),
                    Set.of(entry.substring(binding + 1 + CERTIFICATE_NAME_PREFIX.length()).trim()));
        }
        int at = entry.lastIndexOf('@');
        if (at < 0) {
            return new CallingAeRule(entry.trim(), Set.of());
        }
        return new CallingAeRule(entry.substring(0, at).trim(), Set.of(entry.substring(at + 1).trim()));
    }
}
