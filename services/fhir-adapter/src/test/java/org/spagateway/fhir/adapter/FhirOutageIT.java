package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.events.Topic;
import org.spagateway.fhir.embedded.FhirServerConfig;

/**
 * The FHIR server goes down in the middle of a session's event stream and comes back: the adapter acknowledges
 * nothing it could not store, so every record is there afterwards, exactly once, including the events that were
 * delivered twice across the outage.
 */
class FhirOutageIT {

    private static final long WAIT_SECONDS = 180;
    private static final int BEFORE_OUTAGE = 5;

    @TempDir
    static Path data;

    private static FhirAdapterStack stack;

    @BeforeAll
    static void startTheStack() {
        stack = FhirAdapterStack.start(data, FhirServerConfig.h2("jdbc:h2:file:" + data.resolve("fhir/h2")));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void storesEveryRecordExactlyOnceWhenTheFhirServerIsDownDuringTheSession() {
        List<AuditScenario.Published> events = new AuditScenario().events();
        List<AuditScenario.Published> before = events.subList(0, BEFORE_OUTAGE);
        List<AuditScenario.Published> during = new ArrayList<>(events.subList(BEFORE_OUTAGE, events.size()));
        during.addAll(before.subList(BEFORE_OUTAGE - 2, BEFORE_OUTAGE));
        NotifyBuilder beforeRecorded = new NotifyBuilder(stack.adapter().context())
                .whenCompleted(before.size()).create();
        stack.publishAll(before);
        assertThat(beforeRecorded.matches(WAIT_SECONDS, TimeUnit.SECONDS)).as("recorded before the outage").isTrue();

        stack.stopFhirServer();
        NotifyBuilder failedWhileDown = new NotifyBuilder(stack.adapter().context()).whenFailed(1).create();
        NotifyBuilder duringRecorded = new NotifyBuilder(stack.adapter().context())
                .whenCompleted(during.size()).create();
        stack.publishAll(during);
        assertThat(failedWhileDown.matches(WAIT_SECONDS, TimeUnit.SECONDS))
                .as("the adapter tried while the server was down and kept the records").isTrue();
        stack.restartFhirServer();

        assertThat(duringRecorded.matches(WAIT_SECONDS, TimeUnit.SECONDS)).as("recorded after the outage").isTrue();
        for (AuditScenario.Published published : events) {
            for (String type : recordTypes(published.topic())) {
                assertThat(stack.countMatching(type + "?_tag=" + RecordTags.EVENT_ID + "%7C"
                        + published.event().eventId())).as(type + " of " + published.event().eventId()).isEqualTo(1);
            }
        }
        assertThat(Map.of("ImagingStudy", stack.count("ImagingStudy"), "Device", stack.count("Device"),
                "Practitioner", stack.count("Practitioner"), "Provenance", stack.count("Provenance"),
                "AuditEvent", stack.count("AuditEvent"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ImagingStudy", AuditScenario.IMAGING_STUDIES, "Device", AuditScenario.DEVICES,
                "Practitioner", AuditScenario.PRACTITIONERS, "Provenance", AuditScenario.PROVENANCES,
                "AuditEvent", AuditScenario.AUDIT_EVENTS));
        ImagingStudy studyY = (ImagingStudy) stack.search(AuditQueries.imagingStudyOf(AuditScenario.STUDY_Y))
                .getEntry().get(0).getResource();
        assertThat(studyY.getSeries()).as("the source series and the SEG series of both sessions, once each")
                .hasSize(4);
        assertThat(studyY.getNumberOfInstances()).isEqualTo(6);
    }

    /** What the adapter writes, keyed by the event id tag, for an event on {@code topic}. */
    private static List<String> recordTypes(Topic topic) {
        if (topic.equals(Topic.CHOICE_APPLIED)) {
            return List.of("Provenance", "AuditEvent");
        }
        if (topic.equals(Topic.CANDIDATES_READY) || topic.equals(Topic.SESSION_APPROVED)) {
            return List.of("Provenance");
        }
        return List.of("AuditEvent");
    }
}
