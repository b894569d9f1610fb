package org.spagateway.dicom.listener;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a calling AE may associate, from the allow-list {@code spa.listener.calling-aes}. An AE listed
 * without host may connect from anywhere; with hosts, the peer address must equal one of them or one of their
 * forward-resolved addresses (reverse DNS is never trusted). Unknown callers are refused at association time
 * (A-ASSOCIATE-RJ, calling-AE-title-not-recognized, PS3.8 9.3.4) unless explicitly configured otherwise.
 */
final class CallingAePolicy {

    private final Map<String, Set<String>> hostsByAe = new HashMap<>();
    private final boolean acceptUnknown;

    CallingAePolicy(List<CallingAeRule> rules, boolean acceptUnknown) {
        this.acceptUnknown = acceptUnknown;
        for (CallingAeRule rule : rules) {
            Set<String> hosts = hostsByAe.computeIfAbsent(rule.aeTitle(), ae -> new HashSet<>());
            if (rule.hosts().isEmpty()) {
                hosts.add("*");
            }
            hosts.addAll(rule.hosts());
        }
    }

    boolean permits(String callingAeTitle, InetAddress peer) {
        Set<String> hosts = hostsByAe.get(callingAeTitle);
        if (hosts == null) {
            return acceptUnknown;
        }
        if (hosts.contains("*")) {
            return true;
        }
        for (String host : hosts) {
            if (matches(host, peer)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String host, InetAddress peer) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.equals(peer)) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }
}
