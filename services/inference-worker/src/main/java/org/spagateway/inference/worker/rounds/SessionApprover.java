package org.spagateway.inference.worker.rounds;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.Clinician;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.SegmentationReference;
import org.spagateway.events.SessionApproved;
import org.spagateway.sessions.SessionArtifacts;
import org.spagateway.sessions.SessionIds;
import org.spagateway.sessions.SessionRecord;
import org.spagateway.dicom.seg.ApprovedSegmentation;
import org.spagateway.dicom.seg.ClinicianIdentity;
import org.spagateway.dicom.seg.MaskGrid;
import org.spagateway.dicom.seg.SegmentationWriter;
import org.spagateway.dicom.objects.SourceImageException;
import org.spagateway.dicom.seg.WrittenSegmentation;
import org.spagateway.inference.worker.sources.LocalSource;
import org.spagateway.inference.worker.sources.SourceInstances;

/**
 * Closes a session whose recommended segmentation a clinician approved: writes the final single-segment SEG of the
 * approved round's recommended mask (stored on the source grid when the round ran, so the model does not run again),
 * with the approver as Content Creator's Name, and returns the ChoiceApplied (piEstimate = the EM estimate on the
 * round's mean probability map, the profile update of an approval) and the SessionApproved to publish, in that order.
 * The SEG's UIDs and content time derive from the session, round, model, clinician and decision time: a redelivery
 * rewrites the same file. The SEG's bytes are stored in the ledger's database ({@link SessionArtifacts}) before the
 * events are returned: the export and the picker read them there, by SOP Instance UID.
 */
final class SessionApprover {

    private final SegmentationWriter writer;
    private final SessionStateStore states;
    private final Clock clock;
    private final SourceInstances sources;
    private final SessionArtifacts artifacts;
    private final LocalSegmentationFolder folder;

    SessionApprover(SegmentationWriter writer, SessionStateStore states, SessionArtifacts artifacts, Clock clock,
                    SourceInstances sources, LocalSegmentationFolder folder) {
        this.writer = writer;
        this.states = states;
        this.artifacts = artifacts;
        this.clock = clock;
        this.sources = sources;
        this.folder = folder;
    }

    List<EventEnvelope<?>> approve(RecordedDecision decision)
            throws IOException, SourceImageException, RequestRejectedException {
        SessionRecord session = decision.session();
        MaskGrid mask;
        try {
            mask = states.loadRecommended(session.sessionId(), decision.round());
        } catch (RoundStateMissingException e) {
            throw new RequestRejectedException("ROUND_STATE_MISSING", e.getMessage() + " for session "
                    + session.sessionId());
        }
        Clinician clinician = decision.choice().clinician();
        ApprovedSegmentation approved = new ApprovedSegmentation(session.sessionId(), decision.round(),
                decision.task().identity(), session.task(), "recommended segmentation of round " + decision.round(),
                mask, identity(clinician), decision.decidedAt());
        WrittenSegmentation written;
        try (LocalSource source = sources.open(session.source())) {
            written = writer.writeFinal(approved, source.path(),
                    folder.of(session.studyInstanceUid(), session.sessionId()));
        }
        // Before SessionApproved is published: the export reads the final SEG from the database, not the file.
        artifacts.saveSegmentation(written.sopInstanceUid(), session.sessionId(), decision.round(),
                Files.readAllBytes(written.file()));
        SegmentationReference reference = CandidatesReadyMapper.reference(written);
        Instant now = clock.instant();
        EventEnvelope<ChoiceApplied> applied = ChoiceAppliedMapper.map(decision,
                decision.state().approvalEstimate(), null, reference, now);
        SessionApproved data = new SessionApproved(session.sessionId(), session.requestId(), decision.round(),
                session.studyInstanceUid(), session.task(), session.model(), clinician,
                decision.choice().choiceEventId(), reference, session.seriesInstanceUid(), List.of(session.source()),
                mask.count(), session.patientPseudonym());
        EventEnvelope<SessionApproved> closed = EventEnvelope.withId(
                SessionIds.sessionApprovedEventId(session.sessionId()), EventType.SESSION_APPROVED,
                CandidatesReadyMapper.SOURCE, session.sessionId(), decision.request().correlationId(), now, data);
        return List.of(applied, closed);
    }

    /** The approver as the SEG names them: their person name, or their id as the family name when none is given. */
    static ClinicianIdentity identity(Clinician clinician) {
        return new ClinicianIdentity(clinician.id(),
                clinician.personName() != null ? clinician.personName() : clinician.id());
    }
}
