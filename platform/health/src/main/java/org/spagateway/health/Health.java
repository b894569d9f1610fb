package org.spagateway.health;

import java.util.Objects;

/** What one check found: up or down, with a short detail an operator can act on (no PHI). */
public record Health(boolean up, String detail) {

    public Health {
        Objects.requireNonNull(detail, "detail");
    }

    public static Health up(String detail) {
        return new Health(true, detail);
    }

    public static Health down(String detail) {
        return new Health(false, detail);
    }
}
