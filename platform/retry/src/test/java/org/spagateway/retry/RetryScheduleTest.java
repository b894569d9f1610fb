package org.spagateway.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void doublesTheDelayFromTheInitialOneUpToTheCap() {
        RetrySchedule schedule = new RetrySchedule(9, Duration.ofSeconds(1), Duration.ofSeconds(60));

        assertThat(schedule.delayBefore(1)).isZero();
        assertThat(schedule.delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.delayBefore(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(schedule.delayBefore(6)).isEqualTo(Duration.ofSeconds(16));
        assertThat(schedule.delayBefore(7)).isEqualTo(Duration.ofSeconds(32));
        assertThat(schedule.delayBefore(8)).isEqualTo(Duration.ofSeconds(60));
        assertThat(schedule.delayBefore(9)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void sumsEveryWaitOfAScheduleThatFailsThroughout() {
        RetrySchedule defaults = new RetrySchedule(6, Duration.ofSeconds(1), Duration.ofSeconds(60));

        assertThat(defaults.totalDelay()).isEqualTo(Duration.ofSeconds(1 + 2 + 4 + 8 + 16));
        assertThat(new RetrySchedule(1, Duration.ofSeconds(1), Duration.ofSeconds(1)).totalDelay()).isZero();
    }

    @Test
    void rejectsNoAttemptsAndAMaximumBelowTheInitialDelay() {
        assertThatThrownBy(() -> new RetrySchedule(0, Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(3, Duration.ofSeconds(5), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnboundedScheduleKeepsWaitingAtTheCapAndHasNoTotal() {
        RetrySchedule schedule = RetrySchedule.unbounded(Duration.ofMillis(500), Duration.ofSeconds(30));

        assertThat(schedule.delayBefore(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(schedule.delayBefore(1_000_000)).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(schedule::totalDelay).isInstanceOf(IllegalStateException.class);
    }
}
