package org.spagateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    private static LatencySummary millis(long... values) {
        LatencySummary summary = new LatencySummary(TimeUnit.MILLISECONDS);
        for (long value : values) {
            summary.record(Duration.ofMillis(value));
        }
        return summary;
    }

    @Test
    void percentilesAreTheNearestRankOfTheSortedValues() {
        // Sorted: 1 3 5 7 9 11 12 15 20 30. Nearest rank of p: the ceil(p / 100 x 10)-th value.
        LatencySummary summary = millis(12, 3, 7, 20, 15, 9, 1, 30, 5, 11);

        assertThat(summary.count()).isEqualTo(10);
        assertThat(summary.percentile(10)).isEqualTo(1);
        assertThat(summary.percentile(11)).isEqualTo(3);
        assertThat(summary.percentile(50)).isEqualTo(9);
        assertThat(summary.percentile(90)).isEqualTo(20);
        assertThat(summary.percentile(95)).isEqualTo(30);
        assertThat(summary.percentile(100)).isEqualTo(30);
        assertThat(summary.min()).isEqualTo(1);
        assertThat(summary.max()).isEqualTo(30);
    }

    @Test
    void repeatedValuesCountOncePerRecording() {
        // Sorted: 4 4 4 8; p50 = 2nd value, p75 = 3rd, p76 = 4th.
        LatencySummary summary = millis(8, 4, 4, 4);

        assertThat(summary.percentile(50)).isEqualTo(4);
        assertThat(summary.percentile(75)).isEqualTo(4);
        assertThat(summary.percentile(76)).isEqualTo(8);
    }

    @Test
    void latenciesAreTruncatedToTheUnitAsDurationToMillisDoes() {
        LatencySummary inMillis = new LatencySummary(TimeUnit.MILLISECONDS);
        LatencySummary inMicros = new LatencySummary(TimeUnit.MICROSECONDS);

        inMillis.record(Duration.ofNanos(1_999_999));
        inMicros.record(Duration.ofNanos(1_234_567));

        assertThat(inMillis.max()).isEqualTo(1);
        assertThat(inMicros.max()).isEqualTo(1_234);
    }

    @Test
    void valuesBelowTwoHundredSixtyTwoThousandUnitsAreExactAndLargerOnesAtMostOnePartIn131072High() {
        LatencySummary exact = millis(262_143, 9_106, 5_511);
        LatencySummary large = millis(1_000_000);

        assertThat(exact.percentile(50)).isEqualTo(9_106);
        assertThat(exact.max()).isEqualTo(262_143);
        assertThat(large.max()).isBetween(1_000_000L, 1_000_000L + 1_000_000L / 131_072);
    }

    @Test
    void anEmptySummaryHasNoPercentiles() {
        LatencySummary empty = new LatencySummary(TimeUnit.MILLISECONDS);

        assertThat(empty.count()).isZero();
        assertThatThrownBy(() -> empty.percentile(50)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(empty::max).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNegativeLatencyIsRejected() {
        assertThatThrownBy(() -> millis().record(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
