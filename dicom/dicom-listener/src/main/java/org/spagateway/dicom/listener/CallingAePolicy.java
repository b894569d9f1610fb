package org.spagateway.dicom.listener;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a calling AE may associate, from the allow-list {@code spa.listener.calling-aes}. An AE listed
 * without host may connect from anywhere; with hosts, the peer address must equal one of them or one of their
 * forward-resolved addresses (reverse DNS is never trusted). An AE bound to certificates ({@code AE@cn=<CN>}) must
 * also come with a verified TLS client certificate whose subject CN is one of them (compared ignoring case, as X.520
 * compares names): the AE title is then vouched for by the certificate, not only claimed. Unknown callers are
 * refused at association time (A-ASSOCIATE-RJ, calling-AE-title-not-recognized, PS3.8 9.3.4) unless explicitly
 * configured otherwise.
 */
final class CallingAePolicy {

    private final Map<String, Set<String>> hostsByAe = new HashMap<>();
    private final Map<String, Set<String>> certificateNamesByAe = new HashMap<>();
    private final boolean acceptUnknown;

    CallingAePolicy(List<CallingAeRule> rules, boolean acceptUnknown) {
        this.acceptUnknown = acceptUnknown;
        for (CallingAeRule rule : rules) {
            Set<String> hosts = hostsByAe.computeIfAbsent(rule.aeTitle(), ae -> new HashSet<>());
            if (rule.hosts().isEmpty() && rule.certificateNames().isEmpty()) {
                hosts.add("*");
            }
            hosts.addAll(rule.hosts());
            Set<String> names = certificateNamesByAe.computeIfAbsent(rule.aeTitle(), ae -> new HashSet<>());
            rule.certificateNames().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        }
    }

    boolean permits(String callingAeTitle, InetAddress peer) {
        return refusal(callingAeTitle, peer, Optional.empty()).isEmpty();
    }

    /**
     * Why {@code callingAeTitle} may not associate from {@code peer} with that certificate, or empty when it may.
     * The reason is for the log: it holds no patient data, and the peer's certificate name only as
     * {@link LogPrivacy#peerText}.
     *
     * @param peerCertificateName the subject CN of the peer's verified TLS certificate, empty without one
     */
    Optional<String> refusal(String callingAeTitle, InetAddress peer, Optional<String> peerCertificateName) {
        Set<String> hosts = hostsByAe.get(callingAeTitle);
        if (hosts == null) {
            return acceptUnknown ? Optional.empty() : Optional.of("the calling AE is not on the allow-list");
        }
        if (!hosts.isEmpty() && !hosts.contains("*") && hosts.stream().noneMatch(host -> matches(host, peer))) {
            return Optional.of("the calling AE is not allowed from this host");
        }
        Set<String> names = certificateNamesByAe.get(callingAeTitle);
        if (!names.isEmpty()) {
            if (peerCertificateName.isEmpty()) {
                return Optional.of("the calling AE is bound to a TLS client certificate and the peer presented none");
            }
            if (!names.contains(peerCertificateName.get().toLowerCase(Locale.ROOT))) {
                return Optional.of("the calling AE is bound to TLS client certificate CN " + String.join(" or ",
                        new TreeSet<>(names)) + " and the peer presented CN "
                        + LogPrivacy.peerText(peerCertificateName.get()));
            }
        }
        return Optional.empty();
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
