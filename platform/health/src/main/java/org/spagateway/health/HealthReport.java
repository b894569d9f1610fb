package org.spagateway.health;

import java.util.Map;

/** The results of a set of checks by name; up when every one is (and when there are none). */
public record HealthReport(Map<String, Health> checks) {

    public HealthReport {
        checks = Map.copyOf(checks);
    }

    public boolean up() {
        return checks.values().stream().allMatch(Health::up);
    }

    /** {@code {"status":"UP|DOWN","checks":{"name":{"status":...,"detail":...}}}}, names sorted. */
    public String toJson() {
        StringBuilder json = new StringBuilder("{\"status\":\"").append(up() ? "UP" : "DOWN")
                .append("\",\"checks\":{");
        String separator = "";
        for (Map.Entry<String, Health> check : new java.util.TreeMap<>(checks).entrySet()) {
            json.append(separator).append(quote(check.getKey())).append(":{\"status\":\"")
                    .append(check.getValue().up() ? "UP" : "DOWN").append("\",\"detail\":")
                    .append(quote(check.getValue().detail())).append('}');
            separator = ",";
        }
        return json.append("}}").toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
