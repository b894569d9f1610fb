package org.spagateway.configuration;

/**
 * One documented configuration option. Every module lists its options so that docs/configuration.md can be
 * checked against the code (see the app module's ConfigurationReferenceTest).
 *
 * @param key          dotted property key, e.g. {@code spa.listener.port}
 * @param defaultValue the default as written in a properties file, or empty when there is none
 * @param description  one sentence for the reference
 */
public record ConfigOption(String key, String defaultValue, String description) {

    public String environmentName() {
        return ConfigSource.environmentName(key);
    }
}
