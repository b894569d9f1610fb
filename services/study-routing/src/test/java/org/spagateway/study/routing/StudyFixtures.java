package org.spagateway.study.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.CompletionReason;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.SeriesReference;
import org.spagateway.events.StudyReceived;
import org.spagateway.test.harness.ExampleEvents;

/** Synthetic studies (UIDs under the 2.25 root, no patient data) for routing tests. */
final class StudyFixtures {

    static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    static final String MR_IMAGE = "1.2.840.10008.5.1.4.1.1.4";
    static final String OPHTHALMIC_PHOTOGRAPHY_8BIT = "1.2.840.10008.5.1.4.1.1.77.1.5.1";
    static final String SEGMENTATION = RoutingRules.SEGMENTATION_STORAGE;
    static final Instant T0 = Instant.parse("2026-11-27T10:15:30Z");
    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private StudyFixtures() {
    }

    static String newStudyUid() {
        return "2.25." + NEXT.incrementAndGet() + "1";
    }

    static RoutingRules defaultRules() {
        return RoutingRules.from(ConfigSource.of(Map.of()));
    }

    static SeriesReference series(String studyUid, int number, String modality, String bodyPart, String sopClass,
                                  int instances) {
        String seriesUid = studyUid + "." + number;
        List<InstanceReference> refs = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            String sopInstanceUid = seriesUid + "." + i;
            refs.add(new InstanceReference(sopInstanceUid, sopClass, "1.2.840.10008.1.2.1",
                    "file:///var/lib/spa/dicom/" + studyUid + "/" + sopInstanceUid + ".dcm", 1024L));
        }
        return new SeriesReference(seriesUid, modality, bodyPart, refs, refs.size());
    }

    /** The same series as listed by a later study version that did not touch it. */
    static SeriesReference unchanged(SeriesReference series) {
        return new SeriesReference(series.seriesInstanceUid(), series.modality(), series.bodyPartExamined(),
                series.instances(), 0);
    }

    static StudyReceived study(String studyUid, int version, int added, String callingAe,
                               SeriesReference... series) {
        List<String> modalities = List.copyOf(new LinkedHashSet<>(
                java.util.Arrays.stream(series).map(SeriesReference::modality).toList()));
        int instances = java.util.Arrays.stream(series).mapToInt(s -> s.instances().size()).sum();
        return new StudyReceived(studyUid, version, callingAe, "SPA_GATEWAY", modalities, series.length, instances,
                added, CompletionReason.QUIET_PERIOD, T0, T0.plusSeconds(2), List.of(series), ExampleEvents.PATIENT_PSEUDONYM);
    }

    static StudyReceived study(String studyUid, SeriesReference... series) {
        int instances = java.util.Arrays.stream(series).mapToInt(s -> s.instances().size()).sum();
        return study(studyUid, 1, instances, "ORTHANC", series);
    }

    static EventEnvelope<StudyReceived> event(StudyReceived study) {
        return EventEnvelope.of(EventType.STUDY_RECEIVED, "/spa-gateway/dicom-listener/SPA_GATEWAY",
                study.studyInstanceUid(), "corr-" + study.studyInstanceUid(), T0, study);
    }

    static StudyReceived ctChest(String studyUid) {
        return study(studyUid, series(studyUid, 1, "CT", "CHEST", CT_IMAGE, 3));
    }
}
