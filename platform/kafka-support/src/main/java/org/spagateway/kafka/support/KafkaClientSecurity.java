package org.spagateway.kafka.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * How every Kafka client of a service proves who it is and checks who the broker is: the security protocol, the SASL
 * (SCRAM) credentials and the PKCS#12 trust and key stores, as the Kafka client properties {@link KafkaConfig} adds to
 * each producer, consumer, admin client, Camel component and Kafka Streams application it states.
 *
 * <p>SASL over plain TCP would send a SCRAM exchange and every record in clear: it is refused unless explicitly
 * allowed, and then only to loopback brokers. The password is never part of {@link #toString()}.
 *
 * @param protocol             PLAINTEXT, SSL, SASL_SSL or (loopback only) SASL_PLAINTEXT
 * @param saslMechanism        SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN; used only with a SASL protocol
 * @param saslUsername         the principal's name, with a SASL protocol
 * @param saslPassword         its password, with a SASL protocol
 * @param trustStore           PKCS#12 store of the CA(s) the broker's certificate is checked against; absent = the
 *                             JVM's default trust store
 * @param trustStorePassword   its password
 * @param keyStore             PKCS#12 store with the client's key and certificate, for mutual TLS
 * @param keyStorePassword     its password (also the key's)
 * @param hostnameVerification whether the broker's certificate must name the host the client connects to
 */
public record KafkaClientSecurity(SecurityProtocol protocol, String saslMechanism, Optional<String> saslUsername,
                                  Optional<String> saslPassword, Optional<Path> trustStore, String trustStorePassword,
                                  Optional<Path> keyStore, String keyStorePassword, boolean hostnameVerification) {

    public static final String SECURITY_PROTOCOL = "spa.kafka.security-protocol";
    public static final String SASL_PLAINTEXT_ON_LOOPBACK = "spa.kafka.sasl-plaintext-on-loopback";
    public static final String SASL_MECHANISM = "spa.kafka.sasl-mechanism";
    public static final String SASL_USERNAME = "spa.kafka.sasl-username";
    public static final String SASL_PASSWORD = "spa.kafka.sasl-password";
    public static final String SSL_TRUST_STORE = "spa.kafka.ssl-trust-store";
    public static final String SSL_TRUST_STORE_PASSWORD = "spa.kafka.ssl-trust-store-password";
    public static final String SSL_KEY_STORE = "spa.kafka.ssl-key-store";
    public static final String SSL_KEY_STORE_PASSWORD = "spa.kafka.ssl-key-store-password";
    public static final String SSL_HOSTNAME_VERIFICATION = "spa.kafka.ssl-hostname-verification";

    public static final String DEFAULT_SASL_MECHANISM = "SCRAM-SHA-512";
    static final Set<String> SASL_MECHANISMS = Set.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");

    /** No encryption, no authentication: the embedded broker on loopback and the tests. */
    public static final KafkaClientSecurity PLAINTEXT = new KafkaClientSecurity(SecurityProtocol.PLAINTEXT,
            DEFAULT_SASL_MECHANISM, Optional.empty(), Optional.empty(), Optional.empty(), "", Optional.empty(), "",
            true);

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(SECURITY_PROTOCOL, "PLAINTEXT",
                    "Kafka security protocol of every client: PLAINTEXT, SSL, SASL_SSL (production), or SASL_PLAINTEXT"
                            + " (loopback brokers only, with spa.kafka.sasl-plaintext-on-loopback)."),
            new ConfigOption(SASL_PLAINTEXT_ON_LOOPBACK, "false",
                    "Allow SASL_PLAINTEXT (credentials and records unencrypted); every bootstrap server must then be"
                            + " a loopback address."),
            new ConfigOption(SASL_MECHANISM, DEFAULT_SASL_MECHANISM,
                    "SASL mechanism with SASL_SSL/SASL_PLAINTEXT: SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN."),
            new ConfigOption(SASL_USERNAME, "",
                    "SASL user (the Kafka principal the ACLs name); required with a SASL protocol."),
            new ConfigOption(SASL_PASSWORD, "",
                    "SASL password; required with a SASL protocol; never logged."),
            new ConfigOption(SSL_TRUST_STORE, "",
                    "PKCS#12 trust store with the CA that signed the brokers' certificates (SSL, SASL_SSL); empty ="
                            + " the JVM's default CAs."),
            new ConfigOption(SSL_TRUST_STORE_PASSWORD, "",
                    "Password of spa.kafka.ssl-trust-store; required with it."),
            new ConfigOption(SSL_KEY_STORE, "",
                    "PKCS#12 key store with the client's key and certificate, for mutual TLS; optional."),
            new ConfigOption(SSL_KEY_STORE_PASSWORD, "",
                    "Password of spa.kafka.ssl-key-store and of the key in it; required with it."),
            new ConfigOption(SSL_HOSTNAME_VERIFICATION, "true",
                    "Check that the broker's certificate names the host connected to (ssl.endpoint.identification"
                            + ".algorithm=https); turn off only for certificates without the broker's name."));

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    public KafkaClientSecurity {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(saslMechanism, "saslMechanism");
        Objects.requireNonNull(saslUsername, "saslUsername");
        Objects.requireNonNull(saslPassword, "saslPassword");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
    }

    /** SASL_SSL with SCRAM-SHA-512 as {@code username}, trusting the CAs in {@code trustStore}. */
    public static KafkaClientSecurity saslSsl(String username, String password, Path trustStore,
                                              String trustStorePassword) {
        return new KafkaClientSecurity(SecurityProtocol.SASL_SSL, DEFAULT_SASL_MECHANISM, Optional.of(username),
                Optional.of(password), Optional.of(trustStore), trustStorePassword, Optional.empty(), "", true);
    }

    /**
     * Reads and checks the {@code spa.kafka.*} security options; {@code bootstrapServers} is needed to hold
     * SASL_PLAINTEXT to loopback brokers. Every problem names its key.
     */
    public static KafkaClientSecurity from(ConfigSource config, String bootstrapServers) {
        SecurityProtocol protocol = protocol(config);
        boolean sasl = protocol == SecurityProtocol.SASL_SSL || protocol == SecurityProtocol.SASL_PLAINTEXT;
        boolean tls = protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL;
        if (protocol == SecurityProtocol.SASL_PLAINTEXT) {
            requireLoopback(config, bootstrapServers);
        }
        String mechanism = config.string(SASL_MECHANISM, DEFAULT_SASL_MECHANISM).toUpperCase(Locale.ROOT);
        if (!SASL_MECHANISMS.contains(mechanism)) {
            throw new ConfigException(SASL_MECHANISM, "'" + mechanism + "' is not one of " + SASL_MECHANISMS);
        }
        Optional<String> username = nonEmpty(config, SASL_USERNAME);
        Optional<String> password = nonEmpty(config, SASL_PASSWORD);
        if (sasl) {
            require(username, SASL_USERNAME, "required with " + SECURITY_PROTOCOL + "=" + protocol);
            require(password, SASL_PASSWORD, "required with " + SECURITY_PROTOCOL + "=" + protocol);
        } else {
            refuse(username, SASL_USERNAME, protocol);
            refuse(password, SASL_PASSWORD, protocol);
        }
        Optional<Path> trustStore = store(config, SSL_TRUST_STORE, tls, protocol);
        Optional<Path> keyStore = store(config, SSL_KEY_STORE, tls, protocol);
        String trustStorePassword = storePassword(config, trustStore, SSL_TRUST_STORE, SSL_TRUST_STORE_PASSWORD);
        String keyStorePassword = storePassword(config, keyStore, SSL_KEY_STORE, SSL_KEY_STORE_PASSWORD);
        return new KafkaClientSecurity(protocol, mechanism, username, password, trustStore, trustStorePassword,
                keyStore, keyStorePassword, config.bool(SSL_HOSTNAME_VERIFICATION, true));
    }

    /**
     * The Kafka client properties these settings stand for. {@code security.protocol} is always among them, so a
     * client built without them is visible.
     */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", protocol.name);
        if (protocol == SecurityProtocol.SASL_SSL || protocol == SecurityProtocol.SASL_PLAINTEXT) {
            properties.put("sasl.mechanism", saslMechanism);
            properties.put("sasl.jaas.config", jaasConfig());
        }
        if (protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL) {
            trustStore.ifPresent(store -> {
                properties.put("ssl.truststore.location", store.toAbsolutePath().toString());
                properties.put("ssl.truststore.type", "PKCS12");
                properties.put("ssl.truststore.password", trustStorePassword);
            });
            keyStore.ifPresent(store -> {
                properties.put("ssl.keystore.location", store.toAbsolutePath().toString());
                properties.put("ssl.keystore.type", "PKCS12");
                properties.put("ssl.keystore.password", keyStorePassword);
                properties.put("ssl.key.password", keyStorePassword);
            });
            properties.put("ssl.endpoint.identification.algorithm", hostnameVerification ? "https" : "");
        }
        return Map.copyOf(properties);
    }

    /** The client property names {@link #properties()} may set: a pass-through property must not set them too. */
    static Set<String> propertyNames() {
        return Set.of("security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location",
                "ssl.truststore.type", "ssl.truststore.password", "ssl.keystore.location", "ssl.keystore.type",
                "ssl.keystore.password", "ssl.key.password", "ssl.endpoint.identification.algorithm");
    }

    /** Without the passwords. */
    @Override
    public String toString() {
        return "KafkaClientSecurity[protocol=" + protocol + ", saslMechanism=" + saslMechanism + ", saslUsername="
                + saslUsername.orElse("") + ", trustStore=" + trustStore.map(Path::toString).orElse("")
                + ", keyStore=" + keyStore.map(Path::toString).orElse("") + ", hostnameVerification="
                + hostnameVerification + "]";
    }

    private String jaasConfig() {
        String module = saslMechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=\"" + jaasQuoted(saslUsername.orElseThrow()) + "\" password=\""
                + jaasQuoted(saslPassword.orElseThrow()) + "\";";
    }

    /** JAAS configuration strings are double-quoted with backslash escapes. */
    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static SecurityProtocol protocol(ConfigSource config) {
        String value = config.string(SECURITY_PROTOCOL, "PLAINTEXT").toUpperCase(Locale.ROOT);
        try {
            return SecurityProtocol.forName(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SECURITY_PROTOCOL, "'" + value
                    + "' is not one of PLAINTEXT, SSL, SASL_SSL, SASL_PLAINTEXT");
        }
    }

    private static void requireLoopback(ConfigSource config, String bootstrapServers) {
        if (!config.bool(SASL_PLAINTEXT_ON_LOOPBACK, false)) {
            throw new ConfigException(SECURITY_PROTOCOL, "SASL_PLAINTEXT sends credentials and records unencrypted;"
                    + " use SASL_SSL, or set " + SASL_PLAINTEXT_ON_LOOPBACK + "=true for a broker on loopback");
        }
        for (String server : bootstrapServers.split(",")) {
            String host = server.trim();
            int colon = host.lastIndexOf(':');
            host = colon > 0 ? host.substring(0, colon) : host;
            if (!LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
                throw new ConfigException(SECURITY_PROTOCOL, "SASL_PLAINTEXT is allowed to loopback brokers only,"
                        + " not to " + server.trim() + "; use SASL_SSL");
            }
        }
    }

    private static Optional<String> nonEmpty(ConfigSource config, String key) {
        return config.raw(key).filter(value -> !value.isEmpty());
    }

    private static void require(Optional<String> value, String key, String problem) {
        if (value.isEmpty()) {
            throw new ConfigException(key, problem);
        }
    }

    private static void refuse(Optional<String> value, String key, SecurityProtocol protocol) {
        if (value.isPresent()) {
            throw new ConfigException(key, "set, but " + SECURITY_PROTOCOL + "=" + protocol
                    + " does not authenticate with SASL; use SASL_SSL or remove it");
        }
    }

    private static Optional<Path> store(ConfigSource config, String key, boolean tls, SecurityProtocol protocol) {
        Optional<Path> store = nonEmpty(config, key).map(Path::of);
        if (store.isEmpty()) {
            return store;
        }
        if (!tls) {
            throw new ConfigException(key, "set, but " + SECURITY_PROTOCOL + "=" + protocol
                    + " does not use TLS; use SSL or SASL_SSL or remove it");
        }
        if (!Files.isReadable(store.get())) {
            throw new ConfigException(key, "no readable file " + store.get().toAbsolutePath());
        }
        return store;
    }

    private static String storePassword(ConfigSource config, Optional<Path> store, String storeKey, String key) {
        Optional<String> password = nonEmpty(config, key);
        if (store.isPresent() && password.isEmpty()) {
            throw new ConfigException(key, "required with " + storeKey);
        }
        return password.orElse("");
    }
}
