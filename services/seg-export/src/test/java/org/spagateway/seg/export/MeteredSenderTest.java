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

class MeteredSenderTest {

    private static final ExportDestination PACS = new CStoreDestination(
            new StoreDestination("pacs", "ORTHANC", "127.0.0.1", 4242, false));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void timesEveryAttemptByOutcomeAndCountsEachFailureByItsKind() throws InterruptedException {
        Deque<StoreOutcome> answers = new ArrayDeque<>(List.of(
                StoreOutcome.failed(StoreFailure.CONNECTION_REFUSED, "refused"),
                StoreOutcome.failed(StoreFailure.CONNECTION_REFUSED, "refused"),
                StoreOutcome.ofStatus(0xA700),
                StoreOutcome.ofStatus(0x0000)));
        MeteredSender sender = new MeteredSender((file, uid, destination, traceparent) -> answers.pop(), registry);

        List<StoreOutcome> outcomes = List.of(send(sender), send(sender), send(sender), send(sender));

        assertThat(outcomes).extracting(StoreOutcome::stored).containsExactly(false, false, false, true);
        assertThat(registry.get(MeteredSender.DURATION).tags("kind", "dimse", "destination", "pacs", "outcome",
                "failed").timer().count()).isEqualTo(3);
        assertThat(registry.get(MeteredSender.DURATION).tags("kind", "dimse", "destination", "pacs", "outcome",
                "stored").timer().count()).isEqualTo(1);
        assertThat(registry.get(MeteredSender.FAILURES).tags("destination", "pacs", "failure",
                "CONNECTION_REFUSED").counter().count()).isEqualTo(2.0);
        assertThat(registry.get(MeteredSender.FAILURES).tags("destination", "pacs").counters())
                .extracting(counter -> counter.getId().getTag("failure"))
                .containsExactlyInAnyOrder("CONNECTION_REFUSED", "DIMSE_FAILURE");
    }

    private static StoreOutcome send(MeteredSender sender) throws InterruptedException {
        return sender.send(Path.of("seg.dcm"), "2.25.1", PACS, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }
}
