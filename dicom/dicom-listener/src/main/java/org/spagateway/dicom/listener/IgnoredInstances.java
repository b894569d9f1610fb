package org.spagateway.dicom.listener;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances of storage SOP classes no task uses, accepted by the {@link UnusedSopClassPolicy}: discarded unread, or
 * stored under {@code <storage-root>/.unused/} by an {@link InstanceStore} of their own (so the study history, which
 * lists only UID-named folders, never sees them). Either way they are never announced. Each one is counted per SOP
 * class and logged with its SOP class UID (a class, not an identifier of a patient or study).
 */
final class IgnoredInstances {

    static final String UNUSED = ".unused";
    private static final Logger LOG = LoggerFactory.getLogger(IgnoredInstances.class);

    private final Optional<InstanceStore> store;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /**
     * @param store where kept instances go ({@link UnusedSopClassPolicy#STORE}); empty when they are discarded
     *              ({@link UnusedSopClassPolicy#DISCARD})
     */
    IgnoredInstances(Optional<InstanceStore> store) {
        this.store = store;
    }

    void open() throws IOException {
        if (store.isPresent()) {
            store.get().open();
        }
    }

    /** Starts receiving one ignored instance: a reception to complete when kept, empty when it is discarded. */
    Optional<InstanceReception> receive(String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                                        String callingAeTitle) {
        return store.map(kept -> kept.receive(sopClassUid, sopInstanceUid, transferSyntaxUid, callingAeTitle));
    }

    /** Counts and logs one ignored instance; {@code stored} is what keeping it gave, when it was kept. */
    StoreResult completed(String sopClassUid, Optional<StoreResult> stored) {
        if (stored.isPresent() && stored.get().outcome() == StoreResult.Outcome.FAILED) {
            return stored.get();
        }
        LongAdder count = counts.computeIfAbsent(sopClassUid, uid -> new LongAdder());
        count.increment();
        LOG.info("Accepted and {} an instance of SOP class {}, which no task uses ({} of that class so far)",
                store.isPresent() ? "kept" : "discarded", sopClassUid, count.sum());
        return StoreResult.ignored(stored.flatMap(StoreResult::instance));
    }

    /** Instances ignored since start, by SOP Class UID. */
    Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((uid, count) -> snapshot.put(uid, count.sum()));
        return snapshot;
    }
}
