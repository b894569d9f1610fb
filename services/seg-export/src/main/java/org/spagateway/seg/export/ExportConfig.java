package org.spagateway.seg.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.configuration.TrustStore;
import org.spagateway.dicom.network.ClientTls;
import org.spagateway.dicom.sender.StoreDestination;
import org.spagateway.retry.RetrySchedule;

/**
 * Where the {@code seg-export} route sends each round's SEG and each approved session's final SEG, and how hard it
 * tries. Each destination is a C-STORE SCP (a PACS: {@code ae-title}, {@code host}, {@code port}) or a DICOMweb
 * origin server reached by STOW-RS ({@code stow-url}, {@link StowRsSettings}). No destination configured means
 * no export route.
 *
 * @param callingAeTitle the gateway's AE title in export associations
 * @param destinations   the PACS and DICOMweb servers every SEG goes to, in configuration order
 * @param retry          per-destination attempts and backoff
 * @param storeTimeout   the longest one C-STORE or STOW-RS request may take, connection included
 * @param consumerGroup  the export route's consumer group on spa.candidates.ready and spa.session.approved
 * @param tls            how C-STORE destinations marked TLS are reached ({@link ExportTls}); present when one is
 * @param stowTrustStore the CAs an https STOW-RS destination must chain to; empty: the JVM's default CAs
 */
public record ExportConfig(String callingAeTitle, List<ExportDestination> destinations, RetrySchedule retry,
                           Duration storeTimeout, String consumerGroup, Optional<ClientTls> tls,
                           Optional<TrustStore> stowTrustStore) {

    public static final String DESTINATIONS = "spa.export.destinations";
    public static final String DESTINATION_PREFIX = "spa.export.destination.";
    public static final String AE_TITLE = "ae-title";
    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String CALLING_AE_TITLE = "spa.export.calling-ae-title";
    public static final String MAX_ATTEMPTS = "spa.export.retry.max-attempts";
    public static final String INITIAL_DELAY = "spa.export.retry.initial-delay";
    public static final String MAX_DELAY = "spa.export.retry.max-delay";
    public static final String STORE_TIMEOUT = "spa.export.store-timeout";
    public static final String CONSUMER_GROUP = "spa.export.consumer-group";

    public static final String DEFAULT_CALLING_AE_TITLE = "SPA_GATEWAY";
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(60);
    public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_CONSUMER_GROUP = "spa-export";

    private static final Pattern NAME = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    public static final List<ConfigOption> OPTIONS = options(
            new ConfigOption(DESTINATIONS, "",
                    "Names of the destinations every round's SEG is sent to, comma-separated: PACS by C-STORE, or"
                            + " DICOMweb servers by STOW-RS (those with a stow-url); empty = no export."),
            new ConfigOption(DESTINATION_PREFIX + "<name>." + AE_TITLE, "",
                    "Called AE title of a C-STORE destination; required. For a STOW-RS destination, the AE title"
                            + " recorded in SegmentationExported and the export AuditEvent; default: its name in"
                            + " capitals ('-' as '_', 16 characters at most)."),
            new ConfigOption(DESTINATION_PREFIX + "<name>." + HOST, "",
                    "Host name or address of a C-STORE destination; required."),
            new ConfigOption(DESTINATION_PREFIX + "<name>." + PORT, "", "DICOM port of a C-STORE destination; required."),
            new ConfigOption(CALLING_AE_TITLE, DEFAULT_CALLING_AE_TITLE,
                    "Calling AE title of the gateway in export associations (the PACS must know it)."),
            new ConfigOption(MAX_ATTEMPTS, String.valueOf(DEFAULT_MAX_ATTEMPTS),
                    "C-STORE or STOW-RS attempts per destination and delivery, the first included. A destination that"
                            + " answers with a failure status after the last is dead-lettered (EXPORT_FAILED); one"
                            + " that cannot be reached (refused, timed out, aborted; HTTP 408, 429, 5xx) is tried"
                            + " again from Kafka without limit and never dead-lettered; permanent failures (e.g."
                            + " HTTP 4xx) are dead-lettered at once (EXPORT_REJECTED)."),
            new ConfigOption(INITIAL_DELAY, "1s", "Wait before the second attempt; doubles for each further"
                    + " attempt, each wait between half and all of that (jitter)."),
            new ConfigOption(MAX_DELAY, "60s", "Longest wait between two attempts."),
            new ConfigOption(STORE_TIMEOUT, "30s",
                    "Longest one C-STORE (connect, association, response) or STOW-RS request (connect, upload, response)"
                            + " may take before it counts as a retriable failure."),
            new ConfigOption(CONSUMER_GROUP, DEFAULT_CONSUMER_GROUP,
                    "Prefix of the consumer groups of the seg-export routes on spa.candidates.ready and"
                            + " spa.session.approved: one route and group per destination, <prefix>-<name>."));

    private static List<ConfigOption> options(ConfigOption... own) {
        List<ConfigOption> all = new ArrayList<>(List.of(own));
        all.addAll(ExportTls.OPTIONS);
        all.addAll(StowRsSettings.OPTIONS);
        return List.copyOf(all);
    }

    public ExportConfig {
        Objects.requireNonNull(callingAeTitle, "callingAeTitle");
        destinations = List.copyOf(destinations);
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(storeTimeout, "storeTimeout");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(stowTrustStore, "stowTrustStore");
        if (tls.isEmpty() && destinations.stream().anyMatch(ExportConfig::usesDicomTls)) {
            throw new IllegalArgumentException("a destination uses TLS and no TLS settings were given");
        }
    }

    /** Without DICOM TLS destinations, https STOW-RS destinations trusting the JVM's default CAs. */
    public ExportConfig(String callingAeTitle, List<ExportDestination> destinations, RetrySchedule retry,
                        Duration storeTimeout, String consumerGroup) {
        this(callingAeTitle, destinations, retry, storeTimeout, consumerGroup, Optional.empty(), Optional.empty());
    }

    private static boolean usesDicomTls(ExportDestination destination) {
        return destination instanceof CStoreDestination && destination.tls();
    }

    /** Whether any destination is reached by STOW-RS (the export then needs its HTTP client). */
    public boolean hasStowRsDestination() {
        return destinations.stream().anyMatch(StowRsDestination.class::isInstance);
    }

    public boolean enabled() {
        return !destinations.isEmpty();
    }

    /**
     * The settings of one destination's export: each destination has its own consumer (group
     * {@code <consumer-group>-<name>}), so a destination that is down waits alone and never holds up the others.
     */
    public ExportConfig forDestination(ExportDestination destination) {
        if (!destinations.contains(destination)) {
            throw new IllegalArgumentException("not a configured destination: " + destination);
        }
        return new ExportConfig(callingAeTitle, List.of(destination), retry, storeTimeout,
                consumerGroup + "-" + destination.name(), tls, stowTrustStore);
    }

    /** The longest one record can keep the export route busy: every attempt to every destination times out. */
    public Duration worstCaseRecordTime() {
        return storeTimeout.multipliedBy((long) retry.maxAttempts() * destinations.size()).plus(retry.totalDelay());
    }

    /**
     * How long the export route's consumer may go between polls: the worst case of one record plus a minute, never
     * under Kafka's default five minutes, so a struggling PACS never gets the consumer thrown out of its group
     * mid-record.
     */
    public Duration maxPollInterval() {
        return Duration.ofMillis(Math.max(300_000L, worstCaseRecordTime().toMillis() + 60_000L));
    }

    public static ExportConfig from(ConfigSource config) {
        String callingAe = config.string(CALLING_AE_TITLE, DEFAULT_CALLING_AE_TITLE);
        if (!StoreDestination.isValidAeTitle(callingAe)) {
            throw new ConfigException(CALLING_AE_TITLE, "'" + callingAe + "' is not a DICOM AE title (1-16 characters)");
        }
        Duration initial = config.duration(INITIAL_DELAY, DEFAULT_INITIAL_DELAY);
        Duration max = config.duration(MAX_DELAY, DEFAULT_MAX_DELAY);
        if (max.compareTo(initial) < 0) {
            throw new ConfigException(MAX_DELAY, max + " is shorter than " + INITIAL_DELAY + " " + initial);
        }
        Duration timeout = config.duration(STORE_TIMEOUT, DEFAULT_STORE_TIMEOUT);
        if (timeout.toMillis() < 100) {
            throw new ConfigException(STORE_TIMEOUT, "must be at least 100ms");
        }
        RetrySchedule retry = new RetrySchedule(config.integer(MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 1, 100), initial, max);
        List<ExportDestination> destinations = destinations(config);
        return new ExportConfig(callingAe, destinations, retry, timeout,
                config.string(CONSUMER_GROUP, DEFAULT_CONSUMER_GROUP),
                ExportTls.from(config, destinations.stream().anyMatch(ExportConfig::usesDicomTls)),
                StowRsSettings.trustStore(config));
    }

    private static List<ExportDestination> destinations(ConfigSource config) {
        List<ExportDestination> destinations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : config.list(DESTINATIONS, List.of())) {
            if (!NAME.matcher(name).matches()) {
                throw new ConfigException(DESTINATIONS, "destination name '" + name + "' must match " + NAME.pattern());
            }
            if (!seen.add(name)) {
                throw new ConfigException(DESTINATIONS, "destination '" + name + "' is listed twice");
            }
            if (StowRsSettings.isStowRs(config, name)) {
                destinations.add(StowRsSettings.destination(config, name));
                continue;
            }
            String prefix = DESTINATION_PREFIX + name + ".";
            String aeTitle = config.requiredString(prefix + AE_TITLE);
            if (!StoreDestination.isValidAeTitle(aeTitle)) {
                throw new ConfigException(prefix + AE_TITLE, "'" + aeTitle + "' is not a DICOM AE title (1-16 characters)");
            }
            String host = config.requiredString(prefix + HOST);
            config.requiredString(prefix + PORT);
            int port = config.integer(prefix + PORT, 0, 1, 65_535);
            destinations.add(new CStoreDestination(new StoreDestination(name, aeTitle, host, port,
                    config.bool(prefix + ExportTls.DESTINATION_TLS, false))));
        }
        return destinations;
    }
}
