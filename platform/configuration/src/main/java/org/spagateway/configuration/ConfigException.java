package org.spagateway.configuration;

/** A configuration value is missing or invalid; the message always names the offending key. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String problem) {
        super("Invalid configuration '" + key + "' (environment " + ConfigSource.environmentName(key) + "): " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
