package org.spagateway.dicom.listener;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * Configuration of the DICOM listener, read from {@code spa.listener.*} and validated at start-up; every error names
 * the offending key. See {@link #OPTIONS} for the keys and their defaults.
 *
 * <p>The bind address defaults to 127.0.0.1: a listener that accepts clinical data must be exposed deliberately
 * (set {@code 0.0.0.0} or the PACS-facing interface in the deployment), never by accident on a developer machine.
 *
 * @param aeTitle                 the listener's (called) AE title
 * @param bindAddress             the address the listener binds
 * @param port                    TCP port, 0 for an ephemeral port
 * @param storageRoot             root of the instance store
 * @param fsync                   force each instance and its directory entry to disk before answering success
 * @param limits                  association limits and deadlines against slow or hostile peers
 * @param callingAes              calling-AE allow-list
 * @param acceptUnknownCallingAes accept any calling AE (off by default)
 * @param sopClasses              storage SOP classes stored and announced, in addition to Verification
 * @param unusedSopClasses        what happens to instances of the other storage SOP classes
 * @param transferSyntaxes        accepted transfer syntaxes, in order of preference
 * @param completeness            study completeness rules
 * @param logPhi                  whether logs may contain UIDs and other identifying values
 * @param publishRetryInitial     first retry delay when the event sink fails
 * @param publishRetryMax         longest retry delay
 * @param tls                     DICOM TLS on the listener's port, empty for plain DICOM
 * @param pseudonymKey            what the patient pseudonyms in StudyReceived are keyed with
 * @param wado                    the WADO-RS endpoint serving the stored instances to workers on other hosts
 */
public record ListenerConfig(String aeTitle, String bindAddress, int port, Path storageRoot, boolean fsync,
                             AssociationLimits limits,
                             List<CallingAeRule> callingAes, boolean acceptUnknownCallingAes, List<String> sopClasses,
                             UnusedSopClassPolicy unusedSopClasses, List<String> transferSyntaxes,
                             CompletenessConfig completeness, boolean logPhi, Duration publishRetryInitial,
                             Duration publishRetryMax, Optional<ListenerTls> tls, PseudonymKey pseudonymKey,
                             WadoConfig wado) {

    public static final String PREFIX = "spa.listener.";
    public static final String AE_TITLE = PREFIX + "ae-title";
    public static final String BIND_ADDRESS = PREFIX + "bind-address";
    public static final String PORT = PREFIX + "port";
    public static final String STORAGE_ROOT = PREFIX + "storage-root";
    public static final String STORAGE_FSYNC = PREFIX + "storage.fsync";
    public static final String CALLING_AES = PREFIX + "calling-aes";
    public static final String ACCEPT_UNKNOWN_CALLING_AES = PREFIX + "accept-unknown-calling-aes";
    public static final String SOP_CLASSES = PREFIX + "sop-classes";
    public static final String UNUSED_SOP_CLASSES = PREFIX + "unused-sop-classes";
    public static final String TRANSFER_SYNTAXES = PREFIX + "transfer-syntaxes";
    public static final String QUIET_PERIOD = PREFIX + "completeness.quiet-period";
    public static final String QUIET_PERIOD_AE_PREFIX = QUIET_PERIOD + ".ae.";
    public static final String EXPECTED_COUNT_MODALITY_PREFIX = PREFIX + "completeness.expected-count.modality.";
    public static final String LOG_PHI = PREFIX + "log-phi";
    public static final String PUBLISH_RETRY_INITIAL = PREFIX + "publish.retry-initial";
    public static final String PUBLISH_RETRY_MAX = PREFIX + "publish.retry-max";
    public static final String PSEUDONYM_KEY = PREFIX + "pseudonym-key";

    static final String DEFAULT_AE_TITLE = "SPA_GATEWAY";
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    static final int DEFAULT_PORT = 11112;
    static final String DEFAULT_STORAGE_ROOT = "data/dicom";
    static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(30);
    static final Duration DEFAULT_PUBLISH_RETRY_INITIAL = Duration.ofMillis(500);
    static final Duration DEFAULT_PUBLISH_RETRY_MAX = Duration.ofSeconds(30);

    /** Every option, with its default, for docs/configuration.md. */
    public static final List<ConfigOption> OPTIONS = options(
            new ConfigOption(AE_TITLE, DEFAULT_AE_TITLE, "Called AE title of the DICOM listener (1-16 characters)."),
            new ConfigOption(BIND_ADDRESS, DEFAULT_BIND_ADDRESS,
                    "Address the DICOM listener binds; loopback by default, set 0.0.0.0 or the PACS-facing interface "
                            + "to expose it."),
            new ConfigOption(PORT, Integer.toString(DEFAULT_PORT), "TCP port of the DICOM listener; 0 picks a free port."),
            new ConfigOption(STORAGE_ROOT, DEFAULT_STORAGE_ROOT,
                    "Root folder of received instances, laid out <root>/<StudyUID>/<SeriesUID>/<SOPInstanceUID>.dcm."),
            new ConfigOption(STORAGE_FSYNC, "true",
                    "Force every instance, and the directory entry that names it, to disk before answering C-STORE "
                            + "success, so an acknowledged instance survives a power loss (senders may delete their "
                            + "copy on success). false answers once the data is in the OS page cache: faster, but a "
                            + "power loss or kernel crash can lose acknowledged instances."),
            new ConfigOption(CALLING_AES, "",
                    "Comma-separated calling-AE allow-list: AE, AE@host (host name or IP; repeat an AE for several "
                            + "hosts) or AE@cn=<subject CN> (with TLS client certificates: the AE is admitted only "
                            + "with a certificate whose subject CN is that; repeat for several). Host and certificate "
                            + "entries of one AE must both hold. Others are rejected at association time."),
            new ConfigOption(ACCEPT_UNKNOWN_CALLING_AES, "false",
                    "Accept associations from any calling AE (for test benches only)."),
            new ConfigOption(SOP_CLASSES, String.join(",", StorageSopClasses.DEFAULTS),
                    "Comma-separated storage SOP Class UIDs stored and announced for the tasks (Verification is "
                            + "always accepted). Other storage SOP classes follow " + UNUSED_SOP_CLASSES
                            + "; any other abstract syntax is rejected at negotiation."),
            new ConfigOption(UNUSED_SOP_CLASSES, UnusedSopClassPolicy.DISCARD.configValue(),
                    "What happens to instances of storage SOP classes not in " + SOP_CLASSES + " (structured "
                            + "reports, key objects, RT, waveforms, Enhanced multi-frame CT/MR, private classes), "
                            + "which a PACS routes along with whole studies: discard (accepted in any transfer "
                            + "syntax, answered success, thrown away), store (checked and kept under "
                            + "<storage-root>/.unused/, never announced) or refuse (rejected at negotiation). Each "
                            + "ignored instance is counted and logged with its SOP class."),
            new ConfigOption(TRANSFER_SYNTAXES, String.join(",", StorageSopClasses.DEFAULT_TRANSFER_SYNTAXES),
                    "Comma-separated transfer syntax UIDs accepted, most preferred first; big endian and deflated "
                            + "syntaxes are refused at start-up. Compressed syntaxes are stored as received; the "
                            + "worker decodes JPEG Baseline, JPEG Lossless, RLE and JPEG 2000 and dead-letters a "
                            + "round on any other (SOURCE_UNSUPPORTED)."),
            new ConfigOption(QUIET_PERIOD, "30s",
                    "A study is complete when no instance arrived for this long (e.g. 500ms, 30s, 5m)."),
            new ConfigOption(QUIET_PERIOD_AE_PREFIX + "<AE>", "",
                    "Quiet period for studies sent by calling AE <AE>, overriding the default."),
            new ConfigOption(EXPECTED_COUNT_MODALITY_PREFIX + "<MODALITY>", "",
                    "Instances per study for modality <MODALITY> (e.g. OP=1): the study completes when that many "
                            + "are stored, without waiting for the quiet period."),
            new ConfigOption(LOG_PHI, "false",
                    "Allow UIDs in logs; when false they are replaced by a short hash. Patient data is never logged."),
            new ConfigOption(PUBLISH_RETRY_INITIAL, "500ms",
                    "First delay before re-publishing a StudyReceived event the sink refused; doubles up to the max,"
                            + " each delay between half and all of that (jitter)."),
            new ConfigOption(PUBLISH_RETRY_MAX, "30s", "Longest delay between StudyReceived publish attempts."),
            new ConfigOption(PSEUDONYM_KEY, "",
                    "Secret key (base64, at least 32 bytes, e.g. `openssl rand -base64 32`) of the patient pseudonym"
                            + " in events and FHIR resources: HMAC-SHA256 of Issuer of Patient ID and Patient ID."
                            + " Every listener of a deployment needs the same key; whoever holds it can find a"
                            + " patient's records by pseudonym. Empty: the listener creates a random key once and keeps"
                            + " it in <storage-root>/" + PseudonymKey.FILE + " (owner-readable only)."));

    private static List<ConfigOption> options(ConfigOption... own) {
        List<ConfigOption> all = new ArrayList<>(List.of(own));
        all.addAll(AssociationLimits.OPTIONS);
        all.addAll(ListenerTls.OPTIONS);
        all.addAll(WadoConfig.OPTIONS);
        return List.copyOf(all);
    }

    public ListenerConfig {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(wado, "wado");
        callingAes = List.copyOf(callingAes);
        sopClasses = List.copyOf(sopClasses);
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }

    /** Reads and validates the listener's options. */
    public static ListenerConfig from(ConfigSource source) {
        String aeTitle = aeTitle(AE_TITLE, source.string(AE_TITLE, DEFAULT_AE_TITLE));
        String bindAddress = source.string(BIND_ADDRESS, DEFAULT_BIND_ADDRESS);
        try {
            InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new ConfigException(BIND_ADDRESS, "'" + bindAddress + "' is not a resolvable address");
        }
        List<CallingAeRule> callingAes = new ArrayList<>();
        for (String entry : source.list(CALLING_AES, List.of())) {
            CallingAeRule rule = CallingAeRule.parse(entry);
            aeTitle(CALLING_AES, rule.aeTitle());
            if (rule.hosts().contains("") || rule.certificateNames().contains("")) {
                throw new ConfigException(CALLING_AES, "'" + entry
                        + "' has an empty host or certificate name after '@'");
            }
            callingAes.add(rule);
        }
        Optional<ListenerTls> tls = ListenerTls.from(source);
        boolean bindsCertificates = callingAes.stream().anyMatch(rule -> !rule.certificateNames().isEmpty());
        if (bindsCertificates && tls.map(t -> t.clientAuth() == ListenerTls.ClientAuth.NONE).orElse(true)) {
            throw new ConfigException(CALLING_AES, "AE@cn= entries need client certificates: set "
                    + ListenerTls.ENABLED + "=true and " + ListenerTls.CLIENT_AUTH + " need or want");
        }
        return new ListenerConfig(aeTitle, bindAddress,
                source.integer(PORT, DEFAULT_PORT, 0, 65535),
                source.path(STORAGE_ROOT, DEFAULT_STORAGE_ROOT),
                source.bool(STORAGE_FSYNC, true),
                AssociationLimits.from(source),
                callingAes,
                source.bool(ACCEPT_UNKNOWN_CALLING_AES, false),
                uids(source, SOP_CLASSES, StorageSopClasses.DEFAULTS),
                unusedSopClasses(source),
                transferSyntaxes(source),
                completeness(source),
                source.bool(LOG_PHI, false),
                positive(PUBLISH_RETRY_INITIAL, source.duration(PUBLISH_RETRY_INITIAL, DEFAULT_PUBLISH_RETRY_INITIAL)),
                positive(PUBLISH_RETRY_MAX, source.duration(PUBLISH_RETRY_MAX, DEFAULT_PUBLISH_RETRY_MAX)),
                tls,
                PseudonymKey.parse(PSEUDONYM_KEY, source.string(PSEUDONYM_KEY, "")),
                WadoConfig.from(source));
    }

    /** A copy listening on {@code newPort} (tests and the all-in-one app use port 0). */
    public ListenerConfig withPort(int newPort) {
        return new ListenerConfig(aeTitle, bindAddress, newPort, storageRoot, fsync, limits, callingAes,
                acceptUnknownCallingAes, sopClasses, unusedSopClasses, transferSyntaxes, completeness, logPhi,
                publishRetryInitial, publishRetryMax, tls, pseudonymKey, wado);
    }

    private static CompletenessConfig completeness(ConfigSource source) {
        Duration quiet = positive(QUIET_PERIOD, source.duration(QUIET_PERIOD, DEFAULT_QUIET_PERIOD));
        Map<String, Duration> byAe = new HashMap<>();
        for (String ae : source.namesUnder(QUIET_PERIOD_AE_PREFIX)) {
            String key = QUIET_PERIOD_AE_PREFIX + ae;
            byAe.put(aeTitle(key, ae), positive(key, source.duration(key, quiet)));
        }
        Map<String, Integer> byModality = new LinkedHashMap<>();
        for (String modality : source.namesUnder(EXPECTED_COUNT_MODALITY_PREFIX)) {
            String key = EXPECTED_COUNT_MODALITY_PREFIX + modality;
            byModality.put(modality.toUpperCase(Locale.ROOT), source.integer(key, 1, 1, 1_000_000));
        }
        return new CompletenessConfig(quiet, byAe, byModality);
    }

    private static UnusedSopClassPolicy unusedSopClasses(ConfigSource source) {
        String value = source.string(UNUSED_SOP_CLASSES, UnusedSopClassPolicy.DISCARD.configValue());
        try {
            return UnusedSopClassPolicy.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(UNUSED_SOP_CLASSES, e.getMessage());
        }
    }

    /**
     * The listener reads data set headers itself ({@link DatasetHeaderScanner}), in Little Endian and not deflated:
     * Explicit VR Big Endian (retired, PS3.5 A.3) and the deflated syntaxes (PS3.5 A.5) are refused at start-up
     * instead of every instance sent in them.
     */
    private static List<String> transferSyntaxes(ConfigSource source) {
        List<String> uids = uids(source, TRANSFER_SYNTAXES, StorageSopClasses.DEFAULT_TRANSFER_SYNTAXES);
        for (String uid : uids) {
            if (StorageSopClasses.UNREADABLE_TRANSFER_SYNTAXES.contains(uid)) {
                throw new ConfigException(TRANSFER_SYNTAXES, "'" + uid + "' (big endian or deflated) is not "
                        + "supported: the listener reads data sets in little endian, not deflated");
            }
        }
        return uids;
    }

    private static List<String> uids(ConfigSource source, String key, List<String> defaults) {
        Set<String> uids = new LinkedHashSet<>(source.list(key, defaults));
        if (uids.isEmpty()) {
            throw new ConfigException(key, "at least one UID is required");
        }
        for (String uid : uids) {
            if (!DicomUids.isValid(uid)) {
                throw new ConfigException(key, "'" + uid + "' is not a DICOM UID");
            }
        }
        return List.copyOf(uids);
    }

    /** PS3.5 6.2, AE VR: 1-16 characters, no backslash or control characters, not only spaces. */
    static String aeTitle(String key, String value) {
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.length() > 16) {
            throw new ConfigException(key, "AE title '" + value + "' must have 1 to 16 characters");
        }
        if (trimmed.chars().anyMatch(c -> c == '\\' || c < 0x20 || c > 0x7e)) {
            throw new ConfigException(key, "AE title '" + value + "' contains a backslash or a control character");
        }
        return trimmed;
    }

    private static Duration positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(key, "must be greater than zero");
        }
        return value;
    }
}
