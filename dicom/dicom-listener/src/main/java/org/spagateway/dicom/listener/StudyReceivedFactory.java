package org.spagateway.dicom.listener;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.DeterministicIds;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.SeriesReference;
import org.spagateway.events.StudyReceived;

/**
 * Maps a completed study version to its {@code StudyReceived} CloudEvent: references (locations, sizes, SHA-256
 * digests, UIDs, counts), never pixel data or patient attributes. A location is the stored file's {@code file:} URI,
 * or, when the WADO-RS endpoint has a public base URL ({@link WadoConfig#publicBaseUrl()}), the instance's URL there,
 * for consumers on other hosts. Each version gets a new correlation id, so everything caused by one
 * arrival (inference, SEG export, FHIR records) can be traced back to it.
 */
final class StudyReceivedFactory {

    private static final Logger LOG = LoggerFactory.getLogger(StudyReceivedFactory.class);

    private final String calledAeTitle;
    private final String source;
    private final Optional<URI> publicBaseUrl;

    StudyReceivedFactory(String calledAeTitle) {
        this(calledAeTitle, Optional.empty());
    }

    /** @param publicBaseUrl the WADO-RS endpoint's base URL, without a trailing slash; empty for file URIs */
    StudyReceivedFactory(String calledAeTitle, Optional<URI> publicBaseUrl) {
        this.calledAeTitle = calledAeTitle;
        this.source = "/spa-gateway/dicom-listener/" + calledAeTitle;
        this.publicBaseUrl = publicBaseUrl;
    }

    EventEnvelope<StudyReceived> toEvent(CompletedStudy study, Instant now) {
        Map<String, List<StoredInstance>> bySeries = new LinkedHashMap<>();
        study.instances().forEach(i -> bySeries.computeIfAbsent(i.seriesInstanceUid(), s -> new ArrayList<>()).add(i));
        List<SeriesReference> series = new ArrayList<>();
        bySeries.forEach((uid, instances) -> series.add(new SeriesReference(uid, instances.get(0).modality(),
                instances.stream().map(StoredInstance::bodyPartExamined).filter(StudyReceivedFactory::validCodeString)
                        .findFirst()
                        .orElse(null),
                instances.stream().map(this::reference).toList(),
                (int) instances.stream().filter(i -> study.added().contains(i.sopInstanceUid())).count())));
        List<String> modalities = study.instances().stream().map(StoredInstance::modality).filter(Objects::nonNull)
                .distinct().sorted().toList();
        StudyReceived data = new StudyReceived(study.studyInstanceUid(), study.version(), study.callingAeTitle(),
                calledAeTitle, modalities, series.size(), study.instances().size(), study.addedInstanceCount(),
                study.reason(), study.firstReceivedAt(), study.lastReceivedAt(), series, patientPseudonym(study));
        // The id is the version's: announcing a version again (after a failed write, or a restart) repeats its id,
        // and consumers drop the repeat.
        return EventEnvelope.withId(DeterministicIds.id("study-received", source, study.studyInstanceUid(),
                study.version()), EventType.STUDY_RECEIVED, source, study.studyInstanceUid(),
                UUID.randomUUID().toString(), now, data);
    }

    /**
     * The pseudonym most of the study's instances name (a study is one patient's; instances disagreeing, a PACS
     * merge gone wrong, are counted in the log without naming anyone). Null when no instance had one.
     */
    private static String patientPseudonym(CompletedStudy study) {
        Map<String, Long> counts = study.instances().stream().map(StoredInstance::patientPseudonym)
                .filter(Objects::nonNull).collect(Collectors.groupingBy(p -> p, Collectors.counting()));
        if (counts.size() > 1) {
            LOG.warn("The instances of one study name {} different patients; the event names the most frequent",
                    counts.size());
        }
        return counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).orElse(null);
    }

    /**
     * Body Part Examined is optional (Type 3): a value longer than a CS allows (PS3.5 6.2) is left out of the event
     * rather than making the whole study unannounceable.
     */
    private static boolean validCodeString(String value) {
        return value != null && value.length() <= InstanceStore.MAX_CS_LENGTH;
    }

    private InstanceReference reference(StoredInstance instance) {
        String location = publicBaseUrl.map(base -> base + WadoInstancePath.of(instance))
                .orElseGet(() -> instance.location().toUri().toString());
        return new InstanceReference(instance.sopInstanceUid(), instance.sopClassUid(),
                instance.transferSyntaxUid(), location, instance.sizeBytes(), instance.sha256());
    }
}
