package org.spagateway.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JitterTest {

    @Test
    void equalJitterWaitsBetweenHalfTheScheduledWaitAndAllOfIt() {
        Duration scheduled = Duration.ofMillis(1_001);

        assertThat(Jitter.equal(() -> 0.0).apply(scheduled)).isEqualTo(Duration.ofMillis(500));
        // 500 ms fixed plus half of the other 501 ms, rounded: 500 + 251.
        assertThat(Jitter.equal(() -> 0.5).apply(scheduled)).isEqualTo(Duration.ofMillis(751));
        assertThat(Jitter.equal(() -> 1.0).apply(scheduled)).isEqualTo(scheduled);
    }

    @Test
    void equalJitterSpreadsTheWaitsOfClientsThatFailedTogether() {
        Duration scheduled = Duration.ofSeconds(8);

        var waits = IntStream.range(0, 1_000).mapToObj(i -> Jitter.EQUAL.apply(scheduled)).toList();

        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofSeconds(4), scheduled));
        // 1,000 uniform draws over 4,001 values: far more than 100 distinct ones unless the jitter is broken.
        assertThat(waits.stream().distinct().count()).isGreaterThan(100);
    }

    @Test
    void noJitterKeepsTheScheduledWait() {
        assertThat(Jitter.NONE.apply(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }
}
