package org.spagateway.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputReportTest {

    @Test
    void reportsMedianRateAndRatiosAgainstTheSubject() {
        ThroughputReport report = new ThroughputReport(List.of(
                new ThroughputSample("a", 0, 100, 1_000_000_000L),
                new ThroughputSample("a", 1, 100, 500_000_000L),
                new ThroughputSample("a", 2, 100, 250_000_000L),
                new ThroughputSample("b", 0, 100, 1_000_000_000L)));

        assertThat(report.median("a")).isEqualTo(200.0);
        assertThat(report.markdown(List.of("a", "b"), List.of("a")))
                .contains("| a | 200 | 100 | 400 | 3 |")
                .contains("a / b = **2.00x**");
    }

    @Test
    void comparesEverySubjectWithEveryOtherTargetButNotWithEachOther() {
        ThroughputReport report = new ThroughputReport(List.of(
                new ThroughputSample("fsync", 1, 100, 1_000_000_000L),
                new ThroughputSample("no fsync", 1, 300, 1_000_000_000L),
                new ThroughputSample("storescp", 1, 400, 1_000_000_000L)));

        assertThat(report.markdown(List.of("fsync", "no fsync", "storescp"), List.of("fsync", "no fsync")))
                .contains("fsync / storescp = **0.25x**")
                .contains("no fsync / storescp = **0.75x**")
                .doesNotContain("fsync / no fsync");
    }
}
