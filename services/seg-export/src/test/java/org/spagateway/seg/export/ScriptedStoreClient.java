package org.spagateway.seg.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.spagateway.dicom.sender.StoreOutcome;

/**
 * Answers each destination with its scripted outcomes in turn (the last one repeats) and records the calls and the
 * traceparent, file and bytes of each.
 */
final class ScriptedStoreClient implements SegmentationSender {
    private final Map<String, Deque<StoreOutcome>> script = new ConcurrentHashMap<>();
    final List<String> calls = new ArrayList<>();
    final List<String> traceparents = new ArrayList<>();
    final List<Path> files = new ArrayList<>();
    final List<byte[]> sent = new ArrayList<>();

    ScriptedStoreClient answer(String destination, StoreOutcome... outcomes) {
        script.put(destination, new ConcurrentLinkedDeque<>(List.of(outcomes)));
        return this;
    }

    @Override
    public synchronized StoreOutcome send(Path part10File, String sopInstanceUid, ExportDestination destination,
                                          String traceparent) {
        calls.add(destination.name());
        traceparents.add(traceparent);
        files.add(part10File);
        try {
            sent.add(Files.readAllBytes(part10File));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Deque<StoreOutcome> outcomes = script.get(destination.name());
        return outcomes.size() > 1 ? outcomes.poll() : outcomes.peek();
    }
}
