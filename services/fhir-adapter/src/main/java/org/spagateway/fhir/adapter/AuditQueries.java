package org.spagateway.fhir.adapter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The FHIR REST searches that answer the audit questions users ask (DESIGN.md, "Questions users ask";
 * docs/audit-queries.md shows each with an example response). Relative to the FHIR base URL, parameter values
 * URL-encoded ({@code |} as {@code %7C}); every one uses only search parameters of base R4 that HAPI FHIR JPA 8.8
 * supports: {@code _tag}, chains on resolvable references ({@code agent:Practitioner.identifier},
 * {@code entity:ImagingStudy.identifier}), {@code agent-type}, {@code recorded}, {@code type}, {@code subtype}.
 */
public final class AuditQueries {

    private static final String PERFORMER = CandidateSetProvenanceMapper.PARTICIPANT_TYPE + "|"
            + ChoiceProvenanceMapper.PERFORMER;

    private AuditQueries() {
    }

    /**
     * (1) Which model version produced this SEG, from which source study, and when: the SEG's producing Provenance
     * (candidate set or approval) with its agents (the model's Device; for a final SEG also the approving
     * Practitioner) and entities (the source ImagingStudy) included.
     */
    public static String producerOfSeg(String segSopInstanceUid) {
        return "Provenance?_tag=" + value(RecordTags.PROVENANCE_TARGET + "|" + DicomIdentifiers.oid(segSopInstanceUid))
                + "&_include=Provenance:agent&_include=Provenance:entity";
    }

    /**
     * (2) Which candidates were shown to a clinician for a study, which one she chose, in which round: her choice
     * Provenances on that study, oldest first. Each names the round's SEG (target), the round, the chosen segment and
     * rank (the chosen-candidate extension) and the decision (activity).
     */
    public static String choicesOnStudy(String clinicianSystem, String clinicianId, String studyInstanceUid) {
        return "Provenance?agent:Practitioner.identifier=" + value(clinicianSystem + "|" + clinicianId)
                + "&agent-type=" + value(PERFORMER)
                + "&entity:ImagingStudy.identifier=" + value(DicomIdentifiers.uidToken(studyInstanceUid))
                + "&_sort=recorded";
    }

    /** (2, continued) The candidate sets of those SEGs: what each round showed, candidate by candidate. */
    public static String candidateSets(List<String> segSopInstanceUids) {
        return "Provenance?_tag=" + segSopInstanceUids.stream()
                .map(uid -> value(RecordTags.PROVENANCE_TARGET + "|" + DicomIdentifiers.oid(uid)))
                .collect(Collectors.joining(",")) + "&_sort=recorded";
    }

    /**
     * (3a) What the gateway derived from a study, as DICOM sees it: the study's ImagingStudy, which lists the source
     * series and every SEG series the gateway wrote into the study (modality SEG, each SEG instance by SOP Instance
     * UID, SOP class and Instance Number).
     */
    public static String imagingStudyOf(String studyInstanceUid) {
        return "ImagingStudy?identifier=" + value(DicomIdentifiers.uidToken(studyInstanceUid));
    }

    /** (3a, continued) How: the Provenance of every SEG and every choice on the study, oldest first. */
    public static String derivedFromStudy(String studyInstanceUid) {
        return "Provenance?entity:ImagingStudy.identifier=" + value(DicomIdentifiers.uidToken(studyInstanceUid))
                + "&_sort=recorded";
    }

    /** (3a, continued) Every export of the study's SEGs to a PACS (DICOM Export audits), oldest first. */
    public static String exportsOfStudy(String studyInstanceUid) {
        return "AuditEvent?entity:ImagingStudy.identifier=" + value(DicomIdentifiers.uidToken(studyInstanceUid))
                + "&type=" + value(DicomIdentifiers.DCM_SYSTEM + "|" + ExportAuditEventMapper.EXPORT)
                + "&_sort=date";
    }

    /**
     * (3a, in one request) The study's ImagingStudy with every Provenance and AuditEvent that refers to it: SEGs,
     * choices, exports, imports, reads.
     */
    public static String everythingAboutStudy(String studyInstanceUid) {
        return "ImagingStudy?identifier=" + value(DicomIdentifiers.uidToken(studyInstanceUid))
                + "&_revinclude=Provenance:entity&_revinclude=AuditEvent:entity&_count=100";
    }

    /** (3b) Everything a clinician chose in {@code [from, until)}: her choice Provenances, oldest first. */
    public static String choicesBetween(String clinicianSystem, String clinicianId, LocalDate from, LocalDate until) {
        return "Provenance?agent:Practitioner.identifier=" + value(clinicianSystem + "|" + clinicianId)
                + "&agent-type=" + value(PERFORMER)
                + "&recorded=ge" + from + "&recorded=lt" + until
                + "&_sort=recorded";
    }

    /** (4) Who read or queried a study's records through the gateway's API, oldest first. */
    public static String accessesOfStudy(String studyInstanceUid) {
        return "AuditEvent?entity:ImagingStudy.identifier=" + value(DicomIdentifiers.uidToken(studyInstanceUid))
                + "&subtype=" + readOrSearch() + "&_sort=date";
    }

    /** (4, by session) Who read or queried one session's records. */
    public static String accessesOfSession(String sessionId) {
        return "AuditEvent?_tag=" + value(RecordTags.SESSION + "|" + sessionId) + "&subtype=" + readOrSearch()
                + "&_sort=date";
    }

    /** (4, by user) What one API user read or queried. */
    public static String accessesByUser(String user) {
        return "AuditEvent?agent-name=" + value(user) + "&subtype=" + readOrSearch() + "&_sort=date";
    }

    /**
     * (5) Every AuditEvent about one patient, across studies, oldest first: imports, choices, exports, reads. The
     * pseudonym is computed from the Patient ID and its issuer with the deployment's key ({@code PatientPseudonym});
     * without the key nobody can tell which patient a pseudonym names.
     */
    public static String auditEventsOfPatient(String patientPseudonym) {
        return "AuditEvent?_tag=" + value(RecordTags.PATIENT + "|" + patientPseudonym) + "&_sort=date";
    }

    /** (5, continued) Every Provenance about one patient: candidate sets, choices and approvals, oldest first. */
    public static String provenancesOfPatient(String patientPseudonym) {
        return "Provenance?_tag=" + value(RecordTags.PATIENT + "|" + patientPseudonym) + "&_sort=recorded";
    }

    /**
     * Every Provenance written for one trace (W3C trace id: the study arrival, or the session, the records belong to),
     * oldest first: what a tracing tool's trace id leads to in the audit trail.
     */
    public static String provenancesOfTrace(String traceId) {
        return "Provenance?_tag=" + value(RecordTags.TRACE_ID + "|" + traceId) + "&_sort=recorded";
    }

    private static String readOrSearch() {
        return value(AuditEventParts.RESTFUL_INTERACTION + "|read") + ","
                + value(AuditEventParts.RESTFUL_INTERACTION + "|search");
    }

    private static String value(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8);
    }
}
