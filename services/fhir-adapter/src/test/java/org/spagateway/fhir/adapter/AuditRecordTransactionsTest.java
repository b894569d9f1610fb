package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.ExportOutcome;
import org.spagateway.events.RecordsAccessed;
import org.spagateway.test.harness.ExampleEvents;
import org.hl7.fhir.r4.model.ImagingStudy;

/** The transactions of SessionApproved, SegmentationExported and RecordsAccessed against reviewed golden files. */
class AuditRecordTransactionsTest {

    private final SessionFixtures session = SessionFixtures.golden();

    @Test
    void recordsTheFinalSegWithTheModelAsAuthorAndTheClinicianAsVerifier() throws IOException {
        Bundle transaction = new ApprovalTransactionBuilder().build(session.approved(2));
        Provenance provenance = (Provenance) transaction.getEntry().get(3).getResource();

        GoldenTransactions.assertMatches(transaction, "session-approved-transaction.json");
        assertThat(provenance.getAgent()).extracting(a -> a.getType().getCodingFirstRep().getCode())
                .containsExactly("author", "verifier");
        assertThat(provenance.getAgent()).extracting(a -> a.getWho().getReference()).containsExactly(
                transaction.getEntry().get(0).getFullUrl(), transaction.getEntry().get(1).getFullUrl());
        assertThat(provenance.getMeta().getTag(RecordTags.PROVENANCE_TARGET, "urn:oid:" + session.finalSegUid()))
                .as("audit query 1 finds the final SEG like a round's SEG").isNotNull();
    }

    @Test
    void auditsAnExportAsDicomExportNamingTheDestinationAe() throws IOException {
        Bundle transaction = new ExportTransactionBuilder().build(session.exported(session.seg(1), 1,
                ExportOutcome.STORED));
        AuditEvent audit = (AuditEvent) transaction.getEntry().get(1).getResource();

        GoldenTransactions.assertMatches(transaction, "segmentation-exported-transaction.json");
        assertThat(audit.getType().getCode()).isEqualTo("110106");
        assertThat(audit.getAgent().get(1).getWho().getIdentifier().getValue()).isEqualTo("ORTHANC");
        assertThat(audit.getAgent().get(1).getName()).isEqualTo("pacs");
    }

    @Test
    void keepsAWarningStatusOfTheStoreInTheOutcomeDescription() {
        AuditEvent audit = (AuditEvent) new ExportTransactionBuilder().build(session.exported(session.seg(1), 1,
                ExportOutcome.STORED_WITH_WARNING)).getEntry().get(1).getResource();

        assertThat(audit.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(audit.getOutcomeDesc()).isEqualTo("stored with warning status B000");
    }

    @Test
    void auditsAReadWithTheUserTheClientAddressAndTheSession() throws IOException {
        Bundle transaction = new AccessTransactionBuilder().build(session.read("dr-rivera", 100));
        AuditEvent audit = (AuditEvent) transaction.getEntry().get(1).getResource();

        GoldenTransactions.assertMatches(transaction, "records-accessed-transaction.json");
        assertThat(audit.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(audit.getAgentFirstRep().getName()).isEqualTo("dr-rivera");
        assertThat(audit.getAgent().get(1).getNetwork().getAddress()).isEqualTo("127.0.0.1");
        assertThat(audit.getEntity()).filteredOn(entity -> entity.getRole().getCode().equals("1")).singleElement()
                .satisfies(patient -> {
                    assertThat(patient.getWhat().getIdentifier().getSystem()).isEqualTo(PseudonymousSubject.SYSTEM);
                    assertThat(patient.getWhat().getIdentifier().getValue())
                            .isEqualTo(ExampleEvents.PATIENT_PSEUDONYM);
                });
    }

    @Test
    void namesNobodyWhenAnEventCarriesNoPseudonym() {
        RecordsAccessed read = new RecordsAccessed("choice-api", "READ", "/sessions/s-1", "s-1", "2.25.1",
                "dr-rivera", "127.0.0.1", 200, null);
        Bundle transaction = new AccessTransactionBuilder().build(EventEnvelope.withId("evt-old",
                EventType.RECORDS_ACCESSED, SessionFixtures.CHOICE_API, "s-1", "corr", session.t0(), read));
        AuditEvent audit = (AuditEvent) transaction.getEntry().get(1).getResource();
        ImagingStudy study = (ImagingStudy) transaction.getEntry().get(0).getResource();

        assertThat(study.getSubject().hasIdentifier()).isFalse();
        assertThat(study.getSubject().getDisplay()).isEqualTo(PseudonymousSubject.NOT_IDENTIFIED);
        assertThat(audit.getEntity()).filteredOn(entity -> entity.getRole().getCode().equals("1")).singleElement()
                .satisfies(patient -> assertThat(patient.getWhat().hasIdentifier()).isFalse());
    }

    @Test
    void auditsAQueryWithThePathAsTheQueryEntity() {
        AuditEvent audit = (AuditEvent) new AccessTransactionBuilder().build(session.query("api-client", 120))
                .getEntry().get(1).getResource();

        assertThat(audit.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
        assertThat(audit.getSubtypeFirstRep().getCode()).isEqualTo("search");
        assertThat(new String(audit.getEntityFirstRep().getQuery(), StandardCharsets.UTF_8)).isEqualTo("/sessions");
        assertThat(audit.getEntityFirstRep().getRole().getCode()).isEqualTo("24");
    }

    @Test
    void auditsARefusedReadWithoutAStudyAsAMinorFailure() {
        RecordsAccessed refused = new RecordsAccessed("choice-api", "READ", "/sessions/unknown", "unknown", null,
                "someone", "127.0.0.9", 404, null);
        Bundle transaction = new AccessTransactionBuilder().build(EventEnvelope.withId("evt-404",
                EventType.RECORDS_ACCESSED, SessionFixtures.CHOICE_API, "unknown", "corr", session.t0(), refused));

        assertThat(transaction.getEntry()).singleElement().satisfies(entry -> {
            AuditEvent audit = (AuditEvent) entry.getResource();
            assertThat(audit.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
            assertThat(audit.getEntity()).hasSize(1);
        });
    }

    @Test
    void rejectsAnAccessActionItDoesNotKnow() {
        assertThatThrownBy(() -> AccessAuditEventMapper.isQuery("DELETE"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DELETE");
    }
}
