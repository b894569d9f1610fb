package org.spagateway.seg.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.spagateway.dicom.seg.CandidateMask;
import org.spagateway.dicom.seg.CandidateSetSegmentation;
import org.spagateway.dicom.seg.MaskGrid;
import org.spagateway.dicom.seg.ModelIdentity;
import org.spagateway.dicom.seg.SegmentationEquipment;
import org.spagateway.dicom.seg.SegmentationWriter;
import org.spagateway.dicom.seg.WrittenSegmentation;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InstanceReference;
import org.spagateway.sessions.SessionArtifacts;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.ExampleEvents;

/**
 * Round-1 SEGs written by the project's SegmentationWriter on a synthetic CT slice (a recommended disc and four
 * candidate discs), with the CandidatesReady that names each: what the export ITs send to a real PACS.
 */
final class WrittenRounds {

    static final int SIZE = 64;

    private final GeneratedStudy ct;
    private final Path work;
    private final SessionArtifacts artifacts;

    private WrittenRounds(GeneratedStudy ct, Path work, SessionArtifacts artifacts) {
        this.ct = ct;
        this.work = work;
        this.artifacts = artifacts;
    }

    /**
     * A synthetic CT study generated under {@code work}; SEGs are written there too, and their bytes stored in
     * {@code artifacts} (the ledger's database, where the export reads them) as a worker does.
     */
    static WrittenRounds generate(Path work, long seed, SessionArtifacts artifacts) throws Exception {
        return new WrittenRounds(new SyntheticStudyGenerator().generate(
                StudySpec.of(DemoTask.CT, 1, seed).withSize(SIZE), work.resolve("ct")), work, artifacts);
    }

    /**
     * A round written by the SegmentationWriter and its CandidatesReady.
     *
     * @param masks the masks in segment order: the recommendation, then candidates 1..4
     */
    record Round(EventEnvelope<CandidatesReady> event, WrittenSegmentation seg, Path source,
                 InstanceReference sourceReference, List<MaskGrid> masks) {
    }

    /** A round whose SEG's bytes are stored in the ledger's database, as a worker stores them. */
    Round round(String sessionId) throws Exception {
        Round round = roundNotStored(sessionId);
        artifacts.saveSegmentation(round.seg().sopInstanceUid(), sessionId, 1, Files.readAllBytes(round.seg().file()));
        return round;
    }

    /** A round written to a file only: the database holds no SEG under its UID (the test stores what it needs). */
    Round roundNotStored(String sessionId) throws Exception {
        Path source = ct.files().get(0);
        MaskGrid recommended = disc(SIZE / 2.0, SIZE / 2.0, 8);
        List<CandidateMask> candidates = new ArrayList<>();
        List<MaskGrid> masks = new ArrayList<>(List.of(recommended));
        int[] represented = {20, 14, 9, 5};
        for (int rank = 1; rank <= 4; rank++) {
            MaskGrid mask = disc(SIZE / 2.0 + rank, SIZE / 2.0, 6 + rank);
            candidates.add(new CandidateMask(rank, mask, represented[rank - 1]));
            masks.add(mask);
        }
        CandidateSetSegmentation round = new CandidateSetSegmentation(sessionId, 1,
                new ModelIdentity("spa-unet-small", "1.2.0"), "ct-lung-nodule", false, recommended, candidates, 48,
                Instant.parse("2026-12-07T10:15:30Z"));
        WrittenSegmentation seg = new SegmentationWriter(SegmentationEquipment.defaults())
                .write(round, source, Files.createDirectories(work.resolve("seg").resolve(sessionId)));
        String sourceUid = source.getFileName().toString().replace(".dcm", "");
        InstanceReference sourceReference = new InstanceReference(sourceUid, ct.sopClassUid(),
                "1.2.840.10008.1.2.1", source.toUri().toString(), Files.size(source));
        CandidatesReady ready = ExampleEvents.candidatesReady(sessionId, seg.studyInstanceUid(),
                seg.seriesInstanceUid(), seg.sopInstanceUid(), seg.file(), Files.size(seg.file()), sourceReference);
        return new Round(ExampleEvents.event(ready), seg, source, sourceReference, masks);
    }

    private static MaskGrid disc(double cx, double cy, double radius) {
        boolean[] pixels = new boolean[SIZE * SIZE];
        for (int row = 0; row < SIZE; row++) {
            for (int column = 0; column < SIZE; column++) {
                double dx = column - cx;
                double dy = row - cy;
                pixels[row * SIZE + column] = dx * dx + dy * dy <= radius * radius;
            }
        }
        return MaskGrid.of(SIZE, SIZE, pixels);
    }
}
