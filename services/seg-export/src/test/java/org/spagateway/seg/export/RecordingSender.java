package org.spagateway.seg.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.spagateway.dicom.sender.StoreFailure;
import org.spagateway.dicom.sender.StoreOutcome;

/** The real clients, keeping every outcome per destination and SEG (its SOP Instance UID). */
final class RecordingSender implements SegmentationSender {
    private final SegmentationSender delegate;
    private final Map<String, List<StoreOutcome>> outcomes = new ConcurrentHashMap<>();

    RecordingSender(SegmentationSender delegate) {
        this.delegate = delegate;
    }

    @Override
    public StoreOutcome send(Path part10File, String sopInstanceUid, ExportDestination destination,
                             String traceparent) throws InterruptedException {
        StoreOutcome outcome = delegate.send(part10File, sopInstanceUid, destination, traceparent);
        outcomes.computeIfAbsent(destination.name() + " " + sopInstanceUid, key -> new CopyOnWriteArrayList<>())
                .add(outcome);
        return outcome;
    }

    /** Every outcome of sending the SEG {@code sopInstanceUid} to {@code destination}, in order. */
    List<StoreOutcome> outcomes(String destination, String sopInstanceUid) {
        return List.copyOf(outcomes.getOrDefault(destination + " " + sopInstanceUid, List.of()));
    }

    long failures(String destination, StoreFailure failure) {
        return outcomes.entrySet().stream().filter(e -> e.getKey().startsWith(destination + " "))
                .flatMap(e -> e.getValue().stream())
                .filter(outcome -> outcome.failure().filter(failure::equals).isPresent()).count();
    }
}
