package org.spagateway.configuration;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layered configuration: properties (a file or built-in defaults) overridden by JVM system properties, overridden by
 * environment variables. The environment name of {@code spa.listener.quiet-period} is
 * {@code SPA_LISTENER_QUIET_PERIOD}. Typed getters validate and name the key in every error.
 */
public final class ConfigSource {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final Map<String, String> properties;
    private final Map<String, String> environment;

    public ConfigSource(Map<String, String> properties, Map<String, String> environment) {
        this.properties = Map.copyOf(properties);
        this.environment = Map.copyOf(environment);
    }

    /** Properties from {@code file} (if present), then system properties, then the process environment. */
    public static ConfigSource load(Optional<Path> file) {
        return load(Map.of(), file);
    }

    /**
     * Layers, lowest first: {@code defaults} (e.g. a deployment's built-in profile), properties from {@code file}
     * (if present), {@code spa.*} system properties, then the process environment.
     */
    public static ConfigSource load(Map<String, String> defaults, Optional<Path> file) {
        Map<String, String> merged = new HashMap<>(defaults);
        file.ifPresent(path -> merged.putAll(readProperties(path)));
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("spa."))
                .forEach(name -> merged.put(name, System.getProperty(name)));
        return new ConfigSource(merged, System.getenv());
    }

    public static ConfigSource of(Map<String, String> properties) {
        return new ConfigSource(properties, Map.of());
    }

    /** A copy of this source with {@code overrides} taking precedence over the properties (not the environment). */
    public ConfigSource with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(properties);
        merged.putAll(overrides);
        return new ConfigSource(merged, environment);
    }

    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Optional<String> raw(String key) {
        String fromEnv = environment.get(environmentName(key));
        if (fromEnv != null) {
            return Optional.of(fromEnv.trim());
        }
        return Optional.ofNullable(properties.get(key)).map(String::trim);
    }

    public String string(String key, String defaultValue) {
        return raw(key).orElse(defaultValue);
    }

    public String requiredString(String key) {
        return raw(key).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new ConfigException(key, "a value is required"));
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> value = raw(key);
        if (value.isEmpty() || value.get().isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < min || parsed > max) {
                throw new ConfigException(key, "'" + parsed + "' is outside [" + min + ", " + max + "]");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "'" + value.get() + "' is not an integer");
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> value = raw(key);
        if (value.isEmpty() || value.get().isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(key, "'" + value.get() + "' is not a boolean (true/false)");
        };
    }

    /** Accepts {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT30S}). */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> value = raw(key);
        if (value.isEmpty() || value.get().isEmpty()) {
            return defaultValue;
        }
        return parseDuration(key, value.get());
    }

    public static Duration parseDuration(String key, String text) {
        Matcher simple = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            Duration parsed = Duration.parse(text);
            if (parsed.isNegative()) {
                throw new ConfigException(key, "'" + text + "' is negative");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new ConfigException(key, "'" + text + "' is not a duration (e.g. 500ms, 30s, 5m, PT1M)");
        }
    }

    public Path path(String key, String defaultValue) {
        String value = string(key, defaultValue);
        if (value.isEmpty()) {
            throw new ConfigException(key, "a path is required");
        }
        return Path.of(value);
    }

    /** Comma-separated list; blanks removed. */
    public List<String> list(String key, List<String> defaultValue) {
        Optional<String> value = raw(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        List<String> items = new ArrayList<>();
        Arrays.stream(value.get().split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
        return List.copyOf(items);
    }

    /**
     * The distinct names {@code n} for which some key {@code prefix + n + "." + ...} or {@code prefix + n} exists,
     * in sorted order. Used for map-like options (per calling AE, per routing rule).
     */
    public List<String> namesUnder(String prefix) {
        TreeSet<String> names = new TreeSet<>();
        for (String key : properties.keySet()) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                names.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        return List.copyOf(names);
    }

    /** Reads a properties file (UTF-8). */
    public static Map<String, String> readProperties(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return readProperties(reader);
        } catch (IOException e) {
            throw new ConfigException("spa.config", "cannot read configuration file " + path + ": " + e.getMessage());
        }
    }

    /** Reads properties from {@code reader}, e.g. a classpath resource with built-in defaults. */
    public static Map<String, String> readProperties(Reader reader) throws IOException {
        Properties loaded = new Properties();
        loaded.load(reader);
        Map<String, String> map = new HashMap<>();
        loaded.stringPropertyNames().forEach(name -> map.put(name, loaded.getProperty(name)));
        return map;
    }
}
