package org.spagateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spagateway.health.HealthChecks.Kind;

class HealthChecksTest {

    private final HealthChecks checks = new HealthChecks();

    @Test
    void livenessAsksOnlyTheLivenessChecksAndReadinessAsksThemAll() {
        checks.register("worker.threads", Kind.LIVENESS, () -> Health.up("2 of 2 running"));
        checks.register("ledger.writable", Kind.READINESS, () -> Health.down("read-only file system"));

        assertThat(checks.liveness().up()).isTrue();
        assertThat(checks.liveness().checks()).containsOnlyKeys("worker.threads");
        assertThat(checks.readiness().up()).isFalse();
        assertThat(checks.readiness().checks()).containsOnlyKeys("worker.threads", "ledger.writable");
    }

    @Test
    void aCheckThatThrowsOrAnswersNothingIsDown() {
        checks.register("throws", Kind.LIVENESS, () -> {
            throw new IllegalStateException("closed");
        });
        checks.register("silent", Kind.LIVENESS, () -> null);

        HealthReport report = checks.liveness();

        assertThat(report.up()).isFalse();
        assertThat(report.checks().get("throws").detail()).contains("closed");
        assertThat(report.checks().get("silent").up()).isFalse();
    }

    @Test
    void theReportIsJsonWithEachChecksStatusAndDetailEscaped() {
        checks.register("b", Kind.LIVENESS, () -> Health.down("said \"no\"\n"));
        checks.register("a", Kind.LIVENESS, () -> Health.up("ok"));

        assertThat(checks.liveness().toJson()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{"
                + "\"a\":{\"status\":\"UP\",\"detail\":\"ok\"},"
                + "\"b\":{\"status\":\"DOWN\",\"detail\":\"said \\\"no\\\"\\u000a\"}}}");
    }
}
