package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.builder.NotifyBuilder;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.fhir.embedded.FhirServerConfig;
import org.spagateway.test.harness.ExampleEvents;

/**
 * The audit questions of DESIGN.md answered by the exact queries of {@link AuditQueries} (docs/audit-queries.md), on
 * what the adapter stored from a real event stream ({@link AuditScenario}) consumed from the real Kafka broker into
 * the real HAPI FHIR JPA server; then every event is delivered again and nothing new may appear (no resource, no
 * series, no instance). One server per class; subclasses choose the storage. Responses are written to
 * {@code target/audit-queries/<storage>/} for the documentation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AuditQueriesContract {

    private static final long WAIT_SECONDS = 180;

    @TempDir
    static Path data;

    private final AuditScenario scenario = new AuditScenario();
    private FhirAdapterStack stack;

    /** The FHIR server's storage for this class (may start a database). */
    abstract FhirServerConfig storage(Path dir) throws Exception;

    /** Stops what {@link #storage} started. */
    abstract void stopStorage();

    /** Folder name of the captured responses. */
    abstract String storageName();

    @BeforeAll
    void startTheStackAndRecordTheScenario() throws Exception {
        stack = FhirAdapterStack.start(data, storage(data));
        List<AuditScenario.Published> events = scenario.events();
        NotifyBuilder allRecorded = new NotifyBuilder(stack.adapter().context())
                .whenCompleted(events.size()).create();

        stack.publishAll(events);

        assertThat(allRecorded.matches(WAIT_SECONDS, TimeUnit.SECONDS)).as("every event recorded").isTrue();
    }

    @AfterAll
    void stopEverything() {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            stopStorage();
        }
    }

    @Test
    @Order(1)
    void storesEveryRecordOfTheScenarioExactlyOnce() {
        assertThat(counts()).containsExactlyInAnyOrderEntriesOf(expectedCounts());
    }

    @Test
    @Order(2)
    void answersWhichModelVersionProducedARoundsSegFromWhichSourceStudyAndWhen() {
        Bundle answer = query("1-producer-of-round-seg", AuditQueries.producerOfSeg(scenario.rivera.segUid(1)));

        Provenance provenance = single(answer, Provenance.class);
        assertThat(provenance.getTargetFirstRep().getIdentifier().getValue())
                .isEqualTo("urn:oid:" + scenario.rivera.segUid(1));
        assertThat(provenance.getOccurredDateTimeType().getValue().toInstant())
                .isEqualTo(scenario.rivera.candidates(1).occurredAt());
        assertThat(single(answer, Device.class).getVersionFirstRep().getValue())
                .isEqualTo(CandidatesFixtures.MODEL.version());
        assertThat(single(answer, ImagingStudy.class).getIdentifierFirstRep().getValue())
                .isEqualTo("urn:oid:" + AuditScenario.STUDY_Y);
        assertThat(resources(answer, Practitioner.class)).isEmpty();
    }

    @Test
    @Order(3)
    void answersWhichModelProducedTheFinalSegAndWhoApprovedIt() {
        Bundle answer = query("1-producer-of-final-seg", AuditQueries.producerOfSeg(scenario.rivera.finalSegUid()));

        Provenance provenance = single(answer, Provenance.class);
        assertThat(provenance.getAgent()).extracting(a -> a.getType().getCodingFirstRep().getCode())
                .containsExactly("author", "verifier");
        assertThat(single(answer, Device.class).getVersionFirstRep().getValue())
                .isEqualTo(CandidatesFixtures.MODEL.version());
        assertThat(single(answer, Practitioner.class).getIdentifierFirstRep().getValue()).isEqualTo("dr-rivera");
        assertThat(single(answer, ImagingStudy.class).getIdentifierFirstRep().getValue())
                .isEqualTo("urn:oid:" + AuditScenario.STUDY_Y);
    }

    @Test
    @Order(4)
    void answersWhichCandidatesDrRiveraWasShownForStudyYWhichSheChoseAndInWhichRound() {
        Bundle answer = query("2-choices-of-clinician-on-study", AuditQueries.choicesOnStudy(
                AuditScenario.DR_RIVERA.system(), AuditScenario.DR_RIVERA.id(), AuditScenario.STUDY_Y));

        List<Provenance> choices = resources(answer, Provenance.class);
        assertThat(choices).extracting(AuditQueriesContract::eventIdTag)
                .containsExactly(scenario.rivera.choiceCandidate(1, 2).eventId(),
                        scenario.rivera.choiceApprove(2).eventId());
        assertThat(choices).extracting(p -> p.getTargetFirstRep().getIdentifier().getValue())
                .containsExactly("urn:oid:" + scenario.rivera.segUid(1), "urn:oid:" + scenario.rivera.segUid(2));
        assertThat(choices).extracting(p -> chosen(p, "round")).containsExactly(1, 2);
        assertThat(choices).extracting(p -> chosen(p, "segmentNumber")).containsExactly(3, 1);
        assertThat(choices).extracting(p -> chosen(p, "rank")).containsExactly(2, null);
        assertThat(choices).extracting(p -> p.getActivity().getCodingFirstRep().getCode())
                .containsExactly("CANDIDATE", "APPROVE");

        Bundle shown = query("2-candidate-sets-shown", AuditQueries.candidateSets(
                List.of(scenario.rivera.segUid(1), scenario.rivera.segUid(2))));
        assertThat(resources(shown, Provenance.class)).extracting(AuditQueriesContract::eventIdTag)
                .containsExactly(scenario.rivera.candidates(1).eventId(), scenario.rivera.candidates(2).eventId());
    }

    @Test
    @Order(5)
    void answersEverythingDerivedFromStudyY() {
        Bundle derived = query("3-derived-from-study", AuditQueries.derivedFromStudy(AuditScenario.STUDY_Y));
        Bundle exports = query("3-exports-of-study", AuditQueries.exportsOfStudy(AuditScenario.STUDY_Y));

        assertThat(resources(derived, Provenance.class)).extracting(AuditQueriesContract::eventIdTag)
                .containsExactly(
                        scenario.rivera.candidates(1).eventId(),
                        scenario.rivera.choiceCandidate(1, 2).eventId(),
                        scenario.rivera.candidates(2).eventId(),
                        scenario.rivera.choiceApprove(2).eventId(),
                        scenario.rivera.approved(2).eventId(),
                        scenario.okafor.candidates(1).eventId(),
                        scenario.okafor.choiceCandidate(1, 1).eventId());
        assertThat(resources(exports, AuditEvent.class)).extracting(a -> a.getEntity().get(1).getWhat()
                        .getIdentifier().getValue())
                .containsExactlyInAnyOrder("urn:oid:" + scenario.rivera.segUid(1),
                        "urn:oid:" + scenario.rivera.segUid(2), "urn:oid:" + scenario.rivera.finalSegUid());
    }

    @Test
    @Order(5)
    void listsTheSourceSeriesAndEverySegSeriesOfEachSessionInTheImagingStudyOfStudyY() {
        assertStudyYListsItsSourceSeriesAndTheSegSeriesOfEachSession(query("3-imaging-study-of-study",
                AuditQueries.imagingStudyOf(AuditScenario.STUDY_Y)));
        ImagingStudy studyZ = single(stack.search(AuditQueries.imagingStudyOf(AuditScenario.STUDY_Z)),
                ImagingStudy.class);
        assertThat(seriesAndInstances(studyZ)).containsOnly(
                entry(AuditScenario.STUDY_Z + ".1", List.of("CT 1 " + AuditScenario.STUDY_Z + ".1.1",
                        "CT 2 " + AuditScenario.STUDY_Z + ".1.2")),
                entry(scenario.riveraOnZ.segSeriesUid(), List.of("SEG 1 " + scenario.riveraOnZ.segUid(1))));
    }

    @Test
    @Order(5)
    void answersEverythingAboutStudyYInOneRequest() {
        Bundle answer = query("3-everything-about-study", AuditQueries.everythingAboutStudy(AuditScenario.STUDY_Y));

        assertThat(resources(answer, ImagingStudy.class)).hasSize(1);
        assertThat(resources(answer, Provenance.class)).hasSize(7);
        // Import, three choices received, three exports, a read and a query.
        assertThat(resources(answer, AuditEvent.class)).hasSize(9);
    }

    @Test
    @Order(6)
    void answersEverythingDrRiveraChoseLastMonth() {
        Bundle answer = query("3-choices-of-clinician-in-month", AuditQueries.choicesBetween(
                AuditScenario.DR_RIVERA.system(), AuditScenario.DR_RIVERA.id(), AuditScenario.OCTOBER,
                AuditScenario.NOVEMBER));

        assertThat(resources(answer, Provenance.class)).extracting(AuditQueriesContract::eventIdTag)
                .containsExactly(scenario.rivera.choiceCandidate(1, 2).eventId(),
                        scenario.rivera.choiceApprove(2).eventId());
    }

    @Test
    @Order(7)
    void answersWhoAccessedTheRecordsOfStudyYAndOfTheSession() {
        Bundle byStudy = query("4-accesses-of-study", AuditQueries.accessesOfStudy(AuditScenario.STUDY_Y));
        Bundle bySession = query("4-accesses-of-session", AuditQueries.accessesOfSession(scenario.rivera.sessionId()));

        assertThat(resources(byStudy, AuditEvent.class)).extracting(a -> a.getAgentFirstRep().getName())
                .containsExactly(AuditScenario.DR_RIVERA.id(), AuditScenario.AUDITOR);
        assertThat(resources(bySession, AuditEvent.class)).extracting(a -> a.getAgentFirstRep().getName())
                .containsExactly(AuditScenario.DR_RIVERA.id());
        assertThat(resources(stack.search(AuditQueries.accessesByUser(AuditScenario.AUDITOR)), AuditEvent.class))
                .extracting(a -> a.getSubtypeFirstRep().getCode()).containsExactly("search");
    }

    @Test
    @Order(7)
    void answersEverythingRecordedAboutOnePatientAcrossStudiesByPseudonymOnly() {
        Bundle audits = query("5-audit-events-of-patient",
                AuditQueries.auditEventsOfPatient(ExampleEvents.PATIENT_PSEUDONYM));
        Bundle provenances = query("5-provenances-of-patient",
                AuditQueries.provenancesOfPatient(ExampleEvents.PATIENT_PSEUDONYM));

        // The scenario's studies Y and Z are one patient's; only the query over sessions names no patient.
        assertThat(resources(audits, AuditEvent.class)).hasSize(AuditScenario.AUDIT_EVENTS - 1)
                .allSatisfy(audit -> assertThat(audit.getEntity()).anySatisfy(entity -> assertThat(
                        entity.getWhat().getIdentifier().getValue()).isEqualTo(ExampleEvents.PATIENT_PSEUDONYM)))
                .extracting(AuditQueriesContract::eventIdTag)
                .contains("evt-study-" + AuditScenario.STUDY_Y, "evt-study-" + AuditScenario.STUDY_Z);
        assertThat(resources(provenances, Provenance.class)).hasSize(AuditScenario.PROVENANCES);
        assertThat(stack.search(AuditQueries.auditEventsOfPatient("0".repeat(64))).getEntry()).isEmpty();
    }

    @Test
    @Order(8)
    void storesOnlyResourcesThatAreValidR4() {
        R4ResourceValidator validator = new R4ResourceValidator(FhirAdapterStack.FHIR);
        for (String type : List.of("ImagingStudy", "Device", "Practitioner", "Provenance", "AuditEvent")) {
            for (Bundle.BundleEntryComponent entry : stack.search(type + "?_count=100").getEntry()) {
                assertThat(validator.errors(entry.getResource())).as(entry.getResource().getIdElement().getValue())
                        .isEmpty();
            }
        }
    }

    @Test
    @Order(9)
    void createsNothingNewWhenEveryEventIsDeliveredAgain() {
        List<AuditScenario.Published> events = scenario.events();
        NotifyBuilder allConsumedAgain = new NotifyBuilder(stack.adapter().context())
                .whenCompleted(events.size()).create();

        stack.publishAll(events);

        assertThat(allConsumedAgain.matches(WAIT_SECONDS, TimeUnit.SECONDS)).as("every event consumed again").isTrue();
        assertThat(counts()).containsExactlyInAnyOrderEntriesOf(expectedCounts());
        assertStudyYListsItsSourceSeriesAndTheSegSeriesOfEachSession(
                stack.search(AuditQueries.imagingStudyOf(AuditScenario.STUDY_Y)));
    }

    /**
     * The source CT series, and per session the candidate series (one SEG per round, Instance Number = round) and,
     * for the approved session, the final SEG's series: each once, with counts that add up.
     */
    private void assertStudyYListsItsSourceSeriesAndTheSegSeriesOfEachSession(Bundle answer) {
        ImagingStudy study = single(answer, ImagingStudy.class);
        String y = AuditScenario.STUDY_Y;
        assertThat(seriesAndInstances(study)).containsOnly(
                entry(y + ".1", List.of("CT 1 " + y + ".1.1", "CT 2 " + y + ".1.2")),
                entry(scenario.rivera.segSeriesUid(), List.of("SEG 1 " + scenario.rivera.segUid(1),
                        "SEG 2 " + scenario.rivera.segUid(2))),
                entry(scenario.rivera.finalSeg().seriesInstanceUid(),
                        List.of("SEG 1 " + scenario.rivera.finalSegUid())),
                entry(scenario.okafor.segSeriesUid(), List.of("SEG 1 " + scenario.okafor.segUid(1))));
        assertThat(study.getSeries()).allSatisfy(series ->
                assertThat(series.getNumberOfInstances()).isEqualTo(series.getInstance().size()));
        assertThat(study.getNumberOfSeries()).isEqualTo(4);
        assertThat(study.getNumberOfInstances()).isEqualTo(6);
        assertThat(study.getModality()).extracting(Coding::getCode).containsExactlyInAnyOrder("CT", "SEG");
        assertThat(study.getSeries()).flatExtracting(ImagingStudy.ImagingStudySeriesComponent::getInstance)
                .filteredOn(i -> !i.getUid().startsWith(y + ".1."))
                .allSatisfy(seg -> assertThat(seg.getSopClass().getCode())
                        .isEqualTo("urn:oid:" + CandidatesFixtures.SEG_STORAGE));
    }

    /**
     * Series UID -> "modality number-or-position instance UID" per instance, in the listed order: instances of the
     * gateway's SEGs by their Instance Number, source instances by their position (StudyReceived carries none).
     */
    private static Map<String, List<String>> seriesAndInstances(ImagingStudy study) {
        Map<String, List<String>> listed = new LinkedHashMap<>();
        for (ImagingStudy.ImagingStudySeriesComponent series : study.getSeries()) {
            List<String> instances = new ArrayList<>();
            for (ImagingStudy.ImagingStudySeriesInstanceComponent instance : series.getInstance()) {
                int number = instance.hasNumber() ? instance.getNumber() : instances.size() + 1;
                instances.add(series.getModality().getCode() + " " + number + " " + instance.getUid());
            }
            assertThat(listed.put(series.getUid(), instances)).as("series " + series.getUid() + " listed once")
                    .isNull();
        }
        return listed;
    }

    private Map<String, Integer> counts() {
        return expectedCounts().keySet().stream().collect(Collectors.toMap(Function.identity(), stack::count));
    }

    private static Map<String, Integer> expectedCounts() {
        return Map.of("ImagingStudy", AuditScenario.IMAGING_STUDIES, "Device", AuditScenario.DEVICES,
                "Practitioner", AuditScenario.PRACTITIONERS, "Provenance", AuditScenario.PROVENANCES,
                "AuditEvent", AuditScenario.AUDIT_EVENTS);
    }

    private Bundle query(String name, String relativeUrl) {
        Bundle answer = stack.search(relativeUrl);
        try {
            Path dir = Path.of("target", "audit-queries", storageName());
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".json"), "GET [base]/" + relativeUrl + "\n\n"
                    + FhirAdapterStack.FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(answer));
        } catch (IOException e) {
            throw new IllegalStateException("cannot capture the response of " + name, e);
        }
        return answer;
    }

    private static String eventIdTag(Resource resource) {
        return resource.getMeta().getTag().stream().filter(t -> RecordTags.EVENT_ID.equals(t.getSystem()))
                .map(t -> t.getCode()).findFirst().orElse(null);
    }

    private static Integer chosen(Provenance choice, String part) {
        Extension extension = choice.getEntityFirstRep().getExtensionByUrl(ChosenCandidateExtension.URL)
                .getExtensionByUrl(part);
        return extension == null ? null : ((PositiveIntType) extension.getValue()).getValue();
    }

    private static <T extends Resource> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    private static <T extends Resource> T single(Bundle bundle, Class<T> type) {
        List<T> found = resources(bundle, type);
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }
}
