package org.spagateway.inference.worker.rounds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventEnvelope;
import org.spagateway.spa.model.RoundResult;
import org.spagateway.sessions.RoundRecord;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionRecord;
import org.spagateway.inference.worker.prep.MaskProjection;
import org.spagateway.dicom.seg.CandidateMask;
import org.spagateway.dicom.seg.CandidateSetSegmentation;
import org.spagateway.dicom.seg.MaskGrid;
import org.spagateway.dicom.seg.SegmentationWriter;
import org.spagateway.dicom.objects.SourceImageException;
import org.spagateway.dicom.seg.WrittenSegmentation;
import org.spagateway.inference.worker.sources.LocalSource;
import org.spagateway.inference.worker.sources.SourceInstances;
import org.spagateway.inference.worker.task.ServedTask;

/**
 * Stores a computed round of a session, first or later, in the order that makes a choice on it safe: the masks go
 * back onto the source grid; the session state and the recommended mask are stored in the ledger's database, then
 * the SEG (this worker's own file, and its bytes in the database, which the export and the picker read by SOP Instance
 * UID); then the ledger records the round (and for round 1 the session), and only then is its CandidatesReady handed
 * back for publishing. A choice can only be accepted for a round the ledger holds, and everything a continuation of
 * it or an export of its SEG reads is committed by then. Rewriting a round (a redelivered request) writes the same
 * file and is a no-op in the database.
 */
final class RoundWriter {

    private final SegmentationWriter writer;
    private final SessionStateStore states;
    private final SessionLedger ledger;
    private final Clock clock;
    private final SourceInstances sources;
    private final LocalSegmentationFolder folder;

    RoundWriter(SegmentationWriter writer, SessionStateStore states, SessionLedger ledger, Clock clock,
                SourceInstances sources, LocalSegmentationFolder folder) {
        this.writer = writer;
        this.states = states;
        this.ledger = ledger;
        this.clock = clock;
        this.sources = sources;
        this.folder = folder;
    }

    /**
     * @param requestId     the request the round answers
     * @param followsChoice whether a clinician's decision preceded the round (SEMIAUTOMATIC, DESIGN.md)
     * @param contentTime   the SEG's content date and time: a fact of the request, never the clock
     */
    EventEnvelope<CandidatesReady> store(SessionRecord session, ServedTask task, RoundResult result,
                                         PreparedImage image, String requestId, String correlationId,
                                         boolean followsChoice, Instant contentTime)
            throws IOException, SourceImageException {
        Path directory = folder.of(session.studyInstanceUid(), session.sessionId());
        CandidateSetSegmentation round = toSourceGrid(result, image, task, session.sessionId(), followsChoice,
                contentTime);
        states.save(session.sessionId(), result.round(), result.state(), round.recommended());
        WrittenSegmentation written;
        try (LocalSource source = sources.open(session.source())) {
            written = writer.write(round, source.path(), directory);
        }
        ledger.artifacts().saveSegmentation(written.sopInstanceUid(), session.sessionId(), result.round(),
                Files.readAllBytes(written.file()));
        EventEnvelope<CandidatesReady> event = CandidatesReadyMapper.map(session, requestId, correlationId, round,
                written, clock.instant());
        if (result.round() == 1) {
            ledger.open(session);
        }
        ledger.addRound(session.sessionId(), new RoundRecord(result.round(), requestId, round.candidates().size(),
                event.data().segmentation(), event.eventId()));
        return event;
    }

    private static CandidateSetSegmentation toSourceGrid(RoundResult result, PreparedImage image, ServedTask task,
                                                         String sessionId, boolean followsChoice,
                                                         Instant contentTime) {
        MaskGrid recommended = MaskProjection.toSource(result.recommended(), image.window(), image.columns(),
                image.rows());
        List<CandidateMask> candidates = new ArrayList<>();
        for (RoundResult.Candidate candidate : result.candidates()) {
            candidates.add(new CandidateMask(candidate.index() + 1, MaskProjection.toSource(candidate.mask(),
                    image.window(), image.columns(), image.rows()), candidate.sampleCount()));
        }
        return new CandidateSetSegmentation(sessionId, result.round(), task.identity(), task.taskId(), followsChoice,
                recommended, candidates, task.model().config().samples(), contentTime);
    }
}
