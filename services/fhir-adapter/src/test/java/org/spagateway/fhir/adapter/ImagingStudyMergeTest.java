package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.junit.jupiter.api.Test;
import org.spagateway.test.harness.ExampleEvents;

/**
 * What an event adds to its study's ImagingStudy: merged series by series and instance by instance, with optimistic
 * locking on the version read, and nothing written again when it is there already.
 */
class ImagingStudyMergeTest {

    private static final String STUDY = StudyFixtures.GOLDEN_STUDY_UID;

    private final ImagingStudyMerger merger = new ImagingStudyMerger();
    private final ImagingStudyMapper mapper = new ImagingStudyMapper();
    private final SessionFixtures session = SessionFixtures.golden();

    @Test
    void sendsTheStudyMergedWithTheRoundsSegAsAnUpdateIfMatchTheVersionReadAsTheGoldenTransaction()
            throws IOException {
        RecordTransaction transaction = new CandidatesTransactionBuilder().transaction(
                CandidatesFixtures.goldenEvent());

        Bundle merged = transaction.mergedInto(stored(sourceStudy(), "1000", "1"));

        GoldenTransactions.assertMatches(merged, "candidates-ready-merged-transaction.json");
        Bundle.BundleEntryComponent study = merged.getEntry().get(transaction.studyEntry());
        assertThat(study.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
        assertThat(study.getRequest().getUrl()).isEqualTo("ImagingStudy/1000");
        assertThat(study.getRequest().getIfMatch()).isEqualTo("W/\"1\"");
        assertThat(study.getFullUrl()).as("the other entries' references resolve to the stored study")
                .isEqualTo(transaction.bundle().getEntry().get(transaction.studyEntry()).getFullUrl());
    }

    @Test
    void writesNoStudyUpdateWhenTheSegIsListedAlready() {
        RecordTransaction transaction = new CandidatesTransactionBuilder().transaction(
                CandidatesFixtures.goldenEvent());
        ImagingStudy withSeg = merger.merge(sourceStudy(), segOfRound(1)).orElseThrow();

        Bundle again = transaction.mergedInto(stored(withSeg, "1000", "2"));

        assertThat(again.getEntry().get(transaction.studyEntry()).getRequest().getMethod())
                .as("a conditional create that matches and writes nothing").isEqualTo(Bundle.HTTPVerb.POST);
        assertThat(merger.contains(withSeg, segOfRound(1))).isTrue();
    }

    @Test
    void addsASegSeriesWithItsInstanceAndCountsThem() {
        ImagingStudy merged = merger.merge(sourceStudy(), segOfRound(1)).orElseThrow();

        assertThat(merged.getSeries()).extracting(ImagingStudy.ImagingStudySeriesComponent::getUid)
                .containsExactly(STUDY + ".1", session.segSeriesUid());
        ImagingStudy.ImagingStudySeriesComponent seg = merged.getSeries().get(1);
        assertThat(seg.getModality().getCode()).isEqualTo("SEG");
        assertThat(seg.getInstanceFirstRep().getUid()).isEqualTo(session.segUid(1));
        assertThat(seg.getInstanceFirstRep().getSopClass().getCode())
                .isEqualTo("urn:oid:" + CandidatesFixtures.SEG_STORAGE);
        assertThat(seg.getInstanceFirstRep().getNumber()).isEqualTo(1);
        assertThat(merged.getNumberOfSeries()).isEqualTo(2);
        assertThat(merged.getNumberOfInstances()).isEqualTo(3);
        assertThat(merged.getModality()).extracting(Coding::getCode).containsExactly("CT", "SEG");
    }

    @Test
    void addsTheNextRoundsSegToTheSessionsSeries() {
        ImagingStudy round1 = merger.merge(sourceStudy(), segOfRound(1)).orElseThrow();

        ImagingStudy round2 = merger.merge(round1, segOfRound(2)).orElseThrow();

        ImagingStudy.ImagingStudySeriesComponent seg = round2.getSeries().get(1);
        assertThat(seg.getInstance()).extracting(ImagingStudy.ImagingStudySeriesInstanceComponent::getNumber)
                .containsExactly(1, 2);
        assertThat(seg.getNumberOfInstances()).isEqualTo(2);
        assertThat(round2.getNumberOfSeries()).isEqualTo(2);
        assertThat(round2.getNumberOfInstances()).isEqualTo(4);
        assertThat(round2.getModality()).extracting(Coding::getCode).containsExactly("CT", "SEG");
    }

    @Test
    void mergesTheSourceSeriesIntoTheImagingStudyASegEventCreatedBeforeTheStudyWasReceived() {
        ImagingStudy placeholder = segOfRound(1);

        ImagingStudy merged = merger.merge(placeholder, sourceStudy()).orElseThrow();

        assertThat(merged.getSeries()).extracting(ImagingStudy.ImagingStudySeriesComponent::getUid)
                .containsExactly(session.segSeriesUid(), STUDY + ".1");
        assertThat(merged.getNumberOfSeries()).isEqualTo(2);
        assertThat(merged.getNumberOfInstances()).isEqualTo(3);
    }

    @Test
    void changesNothingTheStudyHoldsAndAddsNothingTwice() {
        ImagingStudy hospitals = sourceStudy().setDescription("CT chest")
                .setStatus(ImagingStudy.ImagingStudyStatus.REGISTERED);
        ImagingStudy merged = merger.merge(hospitals, segOfRound(1)).orElseThrow();

        assertThat(merged.getDescription()).isEqualTo("CT chest");
        assertThat(merged.getStatus()).isEqualTo(ImagingStudy.ImagingStudyStatus.REGISTERED);
        assertThat(merged.getSeriesFirstRep().equalsDeep(hospitals.getSeriesFirstRep())).isTrue();
        assertThat(merger.merge(merged, segOfRound(1))).isEmpty();
        assertThat(merger.merge(merged, sourceStudy())).isEmpty();
    }

    private ImagingStudy sourceStudy() {
        return mapper.map(StudyFixtures.ctChest(STUDY, 2));
    }

    private ImagingStudy segOfRound(int round) {
        return mapper.map(session.seg(round), round, "SPA candidates, session " + session.sessionId(),
                "SPA round " + round + " candidates, ct-lung-nodule", ExampleEvents.PATIENT_PSEUDONYM);
    }

    /** As the server returns it: with its id and version. */
    private static ImagingStudy stored(ImagingStudy study, String id, String version) {
        ImagingStudy stored = study.copy();
        stored.setIdElement(new IdType("ImagingStudy", id, version));
        stored.getMeta().setVersionId(version);
        return stored;
    }
}
