package org.spagateway.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.RepeatedTest;

class DistinctFreePortsTest {

    @RepeatedTest(50)
    void choosesPortsThatDifferFromEachOtherAndFromTheTakenOne() {
        int taken = EmbeddedKafkaBroker.distinctFreePorts(1, 0)[0];

        int[] ports = EmbeddedKafkaBroker.distinctFreePorts(3, taken);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(3);
        assertThat(ports).doesNotContain(taken).doesNotContain(0);
    }
}
