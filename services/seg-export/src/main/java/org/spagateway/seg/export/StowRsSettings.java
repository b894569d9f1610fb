package org.spagateway.seg.export;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.configuration.TrustStore;
import org.spagateway.dicom.sender.StoreDestination;

/**
 * The configuration of STOW-RS destinations: a destination listed in {@code spa.export.destinations} with a
 * {@code spa.export.destination.<name>.stow-url} is a DICOMweb origin server instead of a C-STORE SCP, with optional
 * Bearer or Basic credentials of its own and the trust store shared by every https destination. Credentials may only
 * travel over https (or to a loopback address), and never appear in logs or in {@code toString}.
 */
final class StowRsSettings {

    static final String STOW_URL = "stow-url";
    static final String BEARER_TOKEN = "bearer-token";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String TRUST_STORE = "spa.export.stow.trust-store";
    static final String TRUST_STORE_PASSWORD = "spa.export.stow.trust-store-password";

    private static final String DESTINATION = ExportConfig.DESTINATION_PREFIX + "<name>.";

    static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(DESTINATION + STOW_URL, "",
                    "DICOMweb service root of a STOW-RS destination (e.g. http://orthanc:8042/dicom-web); the SEG is"
                            + " POSTed to <url>/studies as multipart/related; type=\"application/dicom\". Set: the"
                            + " destination is STOW-RS and has no host, port or tls; empty: C-STORE."),
            new ConfigOption(DESTINATION + BEARER_TOKEN, "",
                    "STOW-RS: sent as Authorization: Bearer with every request; never logged. Only over https or to"
                            + " a loopback address."),
            new ConfigOption(DESTINATION + USERNAME, "",
                    "STOW-RS: user of HTTP Basic authentication (with " + DESTINATION + PASSWORD + "); not with a"
                            + " bearer token. Only over https or to a loopback address."),
            new ConfigOption(DESTINATION + PASSWORD, "", "STOW-RS: password of HTTP Basic authentication; never logged."),
            new ConfigOption(TRUST_STORE, "",
                    "PKCS#12 trust store with the CAs an https STOW-RS destination's certificate must chain to (a"
                            + " hospital CA); empty: the JVM's default CAs (a cloud archive's public certificate)."),
            new ConfigOption(TRUST_STORE_PASSWORD, "", "Password of " + TRUST_STORE + "."));

    private StowRsSettings() {
    }

    /** Whether {@code name} is configured as a STOW-RS destination. */
    static boolean isStowRs(ConfigSource config, String name) {
        return config.raw(prefix(name) + STOW_URL).filter(url -> !url.isBlank()).isPresent();
    }

    /** The STOW-RS destination {@code name}, checked: an http(s) URL, credentials only where they are safe. */
    static StowRsDestination destination(ConfigSource config, String name) {
        String prefix = prefix(name);
        for (String dimseOnly : List.of(ExportConfig.HOST, ExportConfig.PORT, ExportTls.DESTINATION_TLS)) {
            if (config.raw(prefix + dimseOnly).filter(value -> !value.isBlank()).isPresent()) {
                throw new ConfigException(prefix + dimseOnly, "not used by a STOW-RS destination (" + prefix
                        + STOW_URL + " is set): remove it, or the stow-url for C-STORE");
            }
        }
        String text = config.requiredString(prefix + STOW_URL).strip();
        URI url;
        try {
            url = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix + STOW_URL, "is not a URL");
        }
        if (url.getRawUserInfo() != null) {
            throw new ConfigException(prefix + STOW_URL, "must not hold credentials: use " + prefix + USERNAME
                    + " and " + prefix + PASSWORD + ", or " + prefix + BEARER_TOKEN);
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new ConfigException(prefix + STOW_URL, "'" + text + "' is not an http(s) URL with a host");
        }
        Optional<String> authorization = authorization(config, prefix);
        if (authorization.isPresent() && "http".equals(url.getScheme()) && !isLoopback(url)) {
            throw new ConfigException(prefix + STOW_URL, "must be https when credentials are configured (http only"
                    + " to a loopback address): they travel in every request");
        }
        String aeTitle = config.string(prefix + ExportConfig.AE_TITLE, defaultAeTitle(name));
        if (!StoreDestination.isValidAeTitle(aeTitle)) {
            throw new ConfigException(prefix + ExportConfig.AE_TITLE, "'" + aeTitle
                    + "' is not a DICOM AE title (1-16 characters)");
        }
        return new StowRsDestination(name, url, aeTitle, authorization);
    }

    /** The trust store of https STOW-RS destinations, when one is configured. */
    static Optional<TrustStore> trustStore(ConfigSource config) {
        return TrustStore.from(config, TRUST_STORE, TRUST_STORE_PASSWORD);
    }

    /** The AE title recorded for a STOW-RS destination without one: its name in capitals, cut to 16 characters. */
    static String defaultAeTitle(String name) {
        String upper = name.toUpperCase(Locale.ROOT).replace('-', '_');
        return upper.length() > 16 ? upper.substring(0, 16) : upper;
    }

    private static Optional<String> authorization(ConfigSource config, String prefix) {
        Optional<String> token = config.raw(prefix + BEARER_TOKEN).filter(value -> !value.isBlank());
        Optional<String> user = config.raw(prefix + USERNAME).filter(value -> !value.isBlank());
        if (token.isPresent() && user.isPresent()) {
            throw new ConfigException(prefix + BEARER_TOKEN, "must be empty when " + prefix + USERNAME + " is set");
        }
        if (token.isPresent()) {
            return Optional.of("Bearer " + token.get().strip());
        }
        if (user.isPresent()) {
            if (user.get().contains(":")) {
                throw new ConfigException(prefix + USERNAME, "must not contain ':' (RFC 7617)");
            }
            String password = config.requiredString(prefix + PASSWORD);
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(
                    (user.get() + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    private static boolean isLoopback(URI url) {
        String host = url.getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private static String prefix(String name) {
        return ExportConfig.DESTINATION_PREFIX + name + ".";
    }
}
