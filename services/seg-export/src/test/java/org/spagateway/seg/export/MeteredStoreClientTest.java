package org.spagateway.seg.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spagateway.dicom.sender.StoreDestination;
import org.spagateway.dicom.sender.StoreFailure;
import org.spagateway.dicom.sender.StoreOutcome;

class MeteredStoreClientTest {

    private static final StoreDestination PACS = new StoreDestination("pacs", "ORTHANC", "127.0.0.1", 4242, false);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void timesEveryAttemptByOutcomeAndCountsEachFailureByItsKind() {
        Deque<StoreOutcome> answers = new ArrayDeque<>(List.of(
                StoreOutcome.failed(StoreFailure.CONNECTION_REFUSED, "refused"),
                StoreOutcome.failed(StoreFailure.CONNECTION_REFUSED, "refused"),
                StoreOutcome.ofStatus(0xA700),
                StoreOutcome.ofStatus(0x0000)));
        MeteredStoreClient client = new MeteredStoreClient((file, destination) -> answers.pop(), registry);

        List<StoreOutcome> outcomes = List.of(store(client), store(client), store(client), store(client));

        assertThat(outcomes).extracting(StoreOutcome::stored).containsExactly(false, false, false, true);
        assertThat(registry.get(MeteredStoreClient.DURATION).tags("kind", "dimse", "destination", "pacs", "outcome",
                "failed").timer().count()).isEqualTo(3);
        assertThat(registry.get(MeteredStoreClient.DURATION).tags("kind", "dimse", "destination", "pacs", "outcome",
                "stored").timer().count()).isEqualTo(1);
        assertThat(registry.get(MeteredStoreClient.FAILURES).tags("destination", "pacs", "failure",
                "CONNECTION_REFUSED").counter().count()).isEqualTo(2.0);
        assertThat(registry.get(MeteredStoreClient.FAILURES).tags("destination", "pacs").counters())
                .extracting(counter -> counter.getId().getTag("failure"))
                .containsExactlyInAnyOrder("CONNECTION_REFUSED", "DIMSE_FAILURE");
    }

    private static StoreOutcome store(MeteredStoreClient client) {
        return client.store(Path.of("seg.dcm"), PACS);
    }
}
