package org.spagateway.dicom.seg;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;

/** Synthetic sources from study-generator and round inputs with disc-shaped masks of known pixel counts. */
final class SegFixtures {

    static final Instant REQUESTED_AT = Instant.parse("2025-03-14T09:26:53.589Z");
    static final ModelIdentity MODEL = new ModelIdentity("spa-unet-small", "1.2.0");
    static final int SAMPLES = 48;

    private SegFixtures() {
    }

    /** The SPA task name each demo task's study is routed to. */
    static String spaTask(DemoTask task) {
        return task == DemoTask.CT ? "ct-lung-nodule" : "fundus-optic-cup";
    }

    static Path source(DemoTask task, int size, Path directory) throws IOException {
        GeneratedStudy study = new SyntheticStudyGenerator()
                .generate(StudySpec.of(task, 1, 20250314L).withSize(size), directory);
        return study.files().get(0);
    }

    /** A filled disc centred at ({@code cx}, {@code cy}). */
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

    /** A round with a recommended disc and K=4 candidate discs of growing radius, deliberately off-centre. */
    static CandidateSetSegmentation round(DemoTask task, int size, int round, boolean followsChoice) {
        double c = size / 2.0;
        double r = size / 8.0;
        List<CandidateMask> candidates = new ArrayList<>();
        int[] represented = {20, 14, 9, 5};
        for (int rank = 1; rank <= 4; rank++) {
            candidates.add(new CandidateMask(rank, disc(size, c + rank, c - 2 * rank, r * (0.7 + 0.15 * rank)),
                    represented[rank - 1]));
        }
        return new CandidateSetSegmentation("session-7f3a", round, MODEL, spaTask(task), followsChoice,
                disc(size, c, c, r), candidates, SAMPLES, REQUESTED_AT);
    }

    /** The masks of a round in segment order: recommended first, then candidates by rank. */
    static List<MaskGrid> masksInSegmentOrder(CandidateSetSegmentation round) {
        List<MaskGrid> masks = new ArrayList<>();
        masks.add(round.recommended());
        round.candidates().forEach(candidate -> masks.add(candidate.mask()));
        return masks;
    }
}
