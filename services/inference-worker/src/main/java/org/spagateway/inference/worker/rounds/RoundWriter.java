package org.spagateway.inference.worker.rounds;

import java.io.IOException;
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
 * back onto the source grid; the session state and the recommended mask are stored, then the SEG; then the ledger
 * records the round (and for round 1 the session), and only then is its CandidatesReady handed back for publishing.
 * A choice can only be accepted for a round the ledger holds, and everything a continuation of it reads is stored by
 * then. Rewriting a round (a redelivered request) writes the same files and is a no-op in the ledger.
 */
final class RoundWriter {

    private final SegmentationWriter writer;
    private final SessionStateStore states;
    private final SessionLedger ledger;
    private final Clock clock;
    private final SourceInstances sources;

    RoundWriter(SegmentationWriter writer, SessionStateStore states, SessionLedger ledger, Clock clock,
                SourceInstances sources) {
        this.writer = writer;
        this.states = states;
        this.ledger = ledger;
        this.clock = clock;
        this.sources = sources;
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
        Path directory = Path.of(session.segmentationDirectory());
        CandidateSetSegmentation round = toSourceGrid(result, image, task, session.sessionId(), followsChoice,
                contentTime);
        states.save(directory, result.round(), result.state());
        states.saveRecommended(directory, result.round(), round.recommended());
        WrittenSegmentation written;
        try (LocalSource source = sources.open(session.source())) {
            written = writer.write(round, source.path(), directory);
        }
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
