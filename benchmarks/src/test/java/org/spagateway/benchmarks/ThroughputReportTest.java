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
        assertThat(report.markdown(List.of("a", "b"), "a"))
                .contains("| a | 200 | 100 | 400 | 3 |")
                .contains("a / b = **2.00x**");
    }
}
