package org.spagateway.study.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * The ordered routing rules (first match wins) and the SOP classes that mark a series as the gateway's own output,
 * which is never routed to inference. Read from configuration with {@link #DEFAULTS} as per-key fallbacks, so the
 * all-in-one stack routes the two demo tasks without a configuration file.
 *
 * @param rules             in evaluation order
 * @param derivedSopClasses SOP classes that are never routed (DICOM-SEG and anything else the gateway writes)
 */
public record RoutingRules(List<RoutingRule> rules, Set<String> derivedSopClasses) {

    public static final String ORDER = "spa.routing.rules";
    public static final String RULE_PREFIX = "spa.routing.rule.";
    public static final String TASK = "task";
    public static final String MODALITY = "modality";
    public static final String SOP_CLASS = "sop-class";
    public static final String BODY_PART = "body-part";
    public static final String MATCH_ABSENT_BODY_PART = "match-absent-body-part";
    public static final String CALLING_AE = "calling-ae";
    public static final String DERIVED_SOP_CLASSES = "spa.routing.derived-sop-classes";

    /** Segmentation Storage (PS3.4 B.5): what the gateway exports; routing it back would loop. */
    public static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";

    private static final List<String> RULE_KEYS =
            List.of(TASK, MODALITY, SOP_CLASS, BODY_PART, MATCH_ABSENT_BODY_PART, CALLING_AE);
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern UID = Pattern.compile("^(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*$");

    /** The demo rules: fundus photographs (OP) to optic cup segmentation, chest CT to lung nodule segmentation. */
    public static final Map<String, String> DEFAULTS = defaults();

    public static final List<ConfigOption> OPTIONS = options();

    public RoutingRules {
        rules = List.copyOf(rules);
        derivedSopClasses = Set.copyOf(derivedSopClasses);
    }

    public static RoutingRules from(ConfigSource config) {
        List<String> order = list(config, ORDER);
        Set<String> seen = new HashSet<>();
        List<RoutingRule> rules = new ArrayList<>();
        for (String name : order) {
            if (!NAME.matcher(name).matches()) {
                throw new ConfigException(ORDER, "rule name '" + name + "' must match " + NAME.pattern());
            }
            if (!seen.add(name)) {
                throw new ConfigException(ORDER, "rule '" + name + "' is listed twice");
            }
            rules.add(rule(config, name));
        }
        Set<String> derived = Set.copyOf(list(config, DERIVED_SOP_CLASSES));
        derived.forEach(uid -> requireUid(DERIVED_SOP_CLASSES, uid));
        return new RoutingRules(rules, derived);
    }

    public List<String> names() {
        return rules.stream().map(RoutingRule::name).toList();
    }

    private static RoutingRule rule(ConfigSource config, String name) {
        String prefix = RULE_PREFIX + name + ".";
        boolean defined = RULE_KEYS.stream().anyMatch(key -> value(config, prefix + key).isPresent());
        if (!defined) {
            throw new ConfigException(ORDER, "names rule '" + name + "' but no " + prefix + "* option is set");
        }
        String taskKey = prefix + TASK;
        String task = value(config, taskKey).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new ConfigException(taskKey, "a task is required for rule '" + name + "'"));
        if (!NAME.matcher(task).matches()) {
            throw new ConfigException(taskKey, "'" + task + "' must match " + NAME.pattern());
        }
        List<String> sopClasses = list(config, prefix + SOP_CLASS);
        sopClasses.forEach(uid -> requireUid(prefix + SOP_CLASS, uid));
        String matchAbsentKey = prefix + MATCH_ABSENT_BODY_PART;
        boolean matchAbsent = value(config, matchAbsentKey)
                .map(v -> ConfigSource.of(Map.of(matchAbsentKey, v)).bool(matchAbsentKey, true)).orElse(true);
        return new RoutingRule(name, task, upper(list(config, prefix + MODALITY)), Set.copyOf(sopClasses),
                upper(list(config, prefix + BODY_PART)), matchAbsent, Set.copyOf(list(config, prefix + CALLING_AE)));
    }

    /** The configured value (properties or environment), else the value in {@link #DEFAULTS}. */
    private static Optional<String> value(ConfigSource config, String key) {
        return config.raw(key).or(() -> Optional.ofNullable(DEFAULTS.get(key)));
    }

    /** A comma list; an explicitly empty value overrides the default and means "any". */
    private static List<String> list(ConfigSource config, String key) {
        return value(config, key).stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private static Set<String> upper(List<String> values) {
        return values.stream().map(RoutingRule::upper).collect(Collectors.toUnmodifiableSet());
    }

    private static void requireUid(String key, String uid) {
        if (!UID.matcher(uid).matches() || uid.length() > 64) {
            throw new ConfigException(key, "'" + uid + "' is not a DICOM UID");
        }
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(ORDER, "fundus,ct-chest");
        d.put(RULE_PREFIX + "fundus." + TASK, "fundus-optic-cup");
        d.put(RULE_PREFIX + "fundus." + MODALITY, "OP");
        d.put(RULE_PREFIX + "ct-chest." + TASK, "ct-lung-nodule");
        d.put(RULE_PREFIX + "ct-chest." + MODALITY, "CT");
        d.put(RULE_PREFIX + "ct-chest." + BODY_PART, "CHEST,LUNG");
        d.put(RULE_PREFIX + "ct-chest." + MATCH_ABSENT_BODY_PART, "true");
        d.put(DERIVED_SOP_CLASSES, SEGMENTATION_STORAGE);
        return Collections.unmodifiableMap(d);
    }

    private static List<ConfigOption> options() {
        String rule = RULE_PREFIX + "<name>.";
        List<ConfigOption> options = new ArrayList<>(List.of(
                new ConfigOption(ORDER, DEFAULTS.get(ORDER),
                        "Routing rule names in evaluation order; the first rule matching a series wins."),
                new ConfigOption(rule + TASK, "", "SPA task of the rule (lower-case words joined by '-'); required."),
                new ConfigOption(rule + MODALITY, "", "Modalities the rule accepts, comma-separated; empty = any."),
                new ConfigOption(rule + SOP_CLASS, "", "SOP class UIDs the rule accepts, comma-separated; empty = any."),
                new ConfigOption(rule + BODY_PART, "",
                        "Body Part Examined values the rule accepts, comma-separated; empty = any."),
                new ConfigOption(rule + MATCH_ABSENT_BODY_PART, "true",
                        "Whether a series without Body Part Examined (a Type 3 attribute) matches a body-part list."),
                new ConfigOption(rule + CALLING_AE, "", "Calling AE titles the rule accepts, comma-separated; empty = any."),
                new ConfigOption(DERIVED_SOP_CLASSES, DEFAULTS.get(DERIVED_SOP_CLASSES),
                        "SOP classes of the gateway's own output; such series are never routed to inference.")));
        DEFAULTS.forEach((key, value) -> {
            if (key.startsWith(RULE_PREFIX)) {
                options.add(new ConfigOption(key, value, "Demo rule default."));
            }
        });
        return List.copyOf(options);
    }
}
