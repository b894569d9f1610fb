package org.spagateway.reporting.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.spagateway.dicom.objects.SourceImageException;
import org.spagateway.dicom.seg.CandidateMask;
import org.spagateway.dicom.seg.CandidateSetSegmentation;
import org.spagateway.dicom.seg.MaskGrid;
import org.spagateway.dicom.seg.ModelIdentity;
import org.spagateway.dicom.seg.SegmentationEquipment;
import org.spagateway.dicom.seg.SegmentationWriter;
import org.spagateway.dicom.seg.WrittenSegmentation;
import org.spagateway.events.CandidateSummary;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.Clinician;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InstanceReference;
import org.spagateway.events.ModelReference;
import org.spagateway.events.RecommendedSegment;
import org.spagateway.events.SegmentationReference;
import org.spagateway.sessions.RoundRecord;
import org.spagateway.sessions.SessionIds;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionRecord;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;

/**
 * A session as the inference worker leaves it, with real DICOM objects: a synthetic CT (or fundus) instance written by
 * the study generator, and per round a BINARY SEG written by the project's {@link SegmentationWriter} (segment 1 the
 * recommendation, 2..5 four candidate discs of different sizes and places), recorded in a real ledger; and the
 * CandidatesReady the worker would publish for each round.
 */
final class PickerFixtures {

    static final int SAMPLES = 48;
    static final int[] REPRESENTED = {20, 14, 9, 5};
    static final ModelIdentity MODEL = new ModelIdentity("spa-nodule", "1.0.0");
    static final Instant T0 = Instant.parse("2026-11-27T10:17:04Z");

    private final Path work;
    private final SessionLedger ledger;
    private final SegmentationWriter writer = new SegmentationWriter(SegmentationEquipment.defaults());

    PickerFixtures(Path work, SessionLedger ledger) {
        this.work = work;
        this.ledger = ledger;
    }

    /**
     * One session on a new source.
     *
     * @param size  the source's columns and rows
     * @param owner who it was started for; null: routing started it
     */
    Session open(String name, DemoTask task, int size, Clinician owner) throws IOException {
        GeneratedStudy study = new SyntheticStudyGenerator().generate(
                StudySpec.of(task, 1, Math.abs(name.hashCode())).withSize(size), work.resolve("source-" + name));
        Path file = study.files().get(0);
        String sopInstanceUid = file.getFileName().toString().replace(".dcm", "");
        InstanceReference source = new InstanceReference(sopInstanceUid, study.sopClassUid(), "1.2.840.10008.1.2.1",
                file.toUri().toString(), Files.size(file));
        String requestId = "req-" + name;
        String sessionId = SessionIds.sessionId(requestId, sopInstanceUid);
        SessionRecord record = new SessionRecord(sessionId, requestId, "corr-" + name, study.studyInstanceUid(), 1,
                task == DemoTask.CT ? "ct-lung-nodule" : "fundus-optic-cup", "rule", study.seriesInstanceUid(),
                task == DemoTask.CT ? "CT" : "OP", List.of(source), source,
                new ModelReference(MODEL.name(), MODEL.version()), owner, null,
                work.resolve("seg-" + name).toString(), null);
        ledger.open(record);
        return new Session(record, file, size);
    }

    /**
     * Writes round {@code round}'s SEG, stores its bytes in the ledger's database (as a worker does), records the
     * round in the ledger and returns the CandidatesReady.
     */
    EventEnvelope<CandidatesReady> addRound(Session session, int round) throws IOException {
        return addRound(session, round, true);
    }

    /** @param storeSeg whether the SEG's bytes go into the ledger's database (false: a round whose SEG is lost) */
    EventEnvelope<CandidatesReady> addRound(Session session, int round, boolean storeSeg) throws IOException {
        CandidateSetSegmentation content = content(session, round);
        WrittenSegmentation seg;
        try {
            seg = writer.write(content, session.sourceFile(), work.resolve("seg-" + session.name()));
        } catch (SourceImageException e) {
            throw new IllegalStateException(e);
        }
        SegmentationReference reference = new SegmentationReference(seg.studyInstanceUid(),
                seg.seriesInstanceUid(), seg.sopInstanceUid(), seg.sopClassUid(), "1.2.840.10008.1.2.1",
                seg.file().toUri().toString(), Files.size(seg.file()));
        String sessionId = session.record().sessionId();
        if (storeSeg) {
            ledger.artifacts().saveSegmentation(seg.sopInstanceUid(), sessionId, round, Files.readAllBytes(seg.file()));
        }
        String eventId = SessionIds.candidatesReadyEventId(sessionId, round);
        ledger.addRound(sessionId, new RoundRecord(round, "req-" + round, content.candidates().size(), reference,
                eventId));
        List<CandidateSummary> candidates = new ArrayList<>();
        int k = content.candidates().size();
        for (CandidateMask candidate : content.candidates()) {
            List<Double> dice = new ArrayList<>();
            for (int j = 1; j <= k; j++) {
                dice.add(j == candidate.rank() ? 1.0 : 0.5);
            }
            candidates.add(new CandidateSummary(candidate.rank() + 1, candidate.rank(),
                    candidate.samplesRepresented(), candidate.mask().count(), dice));
        }
        CandidatesReady ready = new CandidatesReady(sessionId, "req-" + round, round,
                session.record().studyInstanceUid(), session.record().task(), session.record().model(), null,
                SAMPLES, reference, session.record().seriesInstanceUid(), List.of(session.record().source()),
                new RecommendedSegment(1, content.recommended().count()), candidates, null);
        return EventEnvelope.withId(eventId, EventType.CANDIDATES_READY, "/spa-gateway/inference-worker",
                sessionId, session.record().correlationId(), T0.plusSeconds(round), ready);
    }

    /** The masks of round {@code round}: they move and grow with the round, so two rounds never look alike. */
    static CandidateSetSegmentation content(Session session, int round) {
        int size = session.size();
        double c = size / 2.0;
        double r = size / 10.0;
        List<CandidateMask> candidates = new ArrayList<>();
        double[][] centres = {{-1, -1}, {1, -1}, {-1, 1}, {1, 1}};
        for (int rank = 1; rank <= 4; rank++) {
            double cx = c + centres[rank - 1][0] * size / 4.0 + round;
            double cy = c + centres[rank - 1][1] * size / 4.0;
            double radius = r * (0.6 + 0.2 * rank) * (1 + 0.08 * (round - 1));
            candidates.add(new CandidateMask(rank, disc(size, cx, cy, radius), REPRESENTED[rank - 1]));
        }
        return new CandidateSetSegmentation(session.record().sessionId(), round, MODEL, session.record().task(),
                round > 1, disc(size, c + round, c, r), candidates, SAMPLES, T0);
    }

    static MaskGrid disc(int size, double cx, double cy, double radius) {
        boolean[] pixels = new boolean[size * size];
        for (int row = 0; row < size; row++) {
            for (int column = 0; column < size; column++) {
                double dx = column - cx;
                double dy = row - cy;
                pixels[row * size + column] = dx * dx + dy * dy <= radius * radius;
            }
        }
        return MaskGrid.of(size, size, pixels);
    }

    /** A session written by {@link #open}. */
    record Session(SessionRecord record, Path sourceFile, int size) {

        String id() {
            return record.sessionId();
        }

        String name() {
            return record.requestId().substring("req-".length());
        }
    }
}
