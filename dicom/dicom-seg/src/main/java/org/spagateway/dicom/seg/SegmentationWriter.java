package org.spagateway.dicom.seg;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClass;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.dicom.objects.Part10Writer;
import org.spagateway.dicom.objects.SourceImageException;
import org.spagateway.events.DeterministicIds;

/**
 * Writes SPA results as DICOM Segmentation Storage instances (BINARY, PS3.3 A.51) that reference a single-frame
 * source image (CT or OP) and join its study:
 * <ul>
 *   <li>{@link #write}: one instance per round, in the session's candidate series; segment 1 = the recommended
 *       prediction, segments 2..K+1 = the candidates by rank, each labelled with its rank and the samples it
 *       represents (DESIGN.md, "One SEG instance per round").</li>
 *   <li>{@link #writeFinal}: the mask a clinician approved, one segment, in the session's approved series, with
 *       the approver as Content Creator's Name.</li>
 * </ul>
 * UIDs derive from (source study, session, round, model version), and every date and time from the request's
 * timestamp, so writing the same request twice produces the same bytes under the same SOP Instance UID.
 * Thread-safe: it holds only immutable configuration.
 */
public final class SegmentationWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentationWriter.class);

    /** Source Application Entity Title (0002,0016) of every file the worker writes. */
    static final String SOURCE_AE_TITLE = "SPA_WORKER";

    private final Part10Writer part10 = new Part10Writer(SOURCE_AE_TITLE);
    private final SegmentationEquipment equipment;

    public SegmentationWriter(SegmentationEquipment equipment) {
        this.equipment = Objects.requireNonNull(equipment, "equipment");
    }

    /**
     * Writes the SEG of one round into {@code outputDirectory} as {@code <SOPInstanceUID>.dcm}.
     *
     * @throws SourceImageException if the source cannot be segmented (permanent)
     * @throws IOException          if reading the source or writing the file fails (may be retried)
     * @throws IllegalArgumentException if a mask does not match the source grid or the task is unknown
     */
    public WrittenSegmentation write(CandidateSetSegmentation round, Path sourceImage, Path outputDirectory)
            throws IOException, SourceImageException {
        SourceImage source = SourceImage.read(sourceImage);
        String study = source.studyInstanceUid();
        String algorithmType = round.followsChoice() ? "SEMIAUTOMATIC" : "AUTOMATIC";
        int k = round.candidates().size();
        String where = " of SPA round " + round.round() + ", session " + round.sessionId() + ", model " + round.model()
                + ", task " + round.task() + ".";

        List<SegmentDefinition> segments = new ArrayList<>();
        segments.add(new SegmentDefinition(1, "Recommended (round " + round.round() + ")",
                "Recommended prediction, aggregated over all " + round.sampleCount() + " samples" + where,
                algorithmType, round.recommended()));
        for (CandidateMask candidate : round.candidates()) {
            segments.add(new SegmentDefinition(candidate.rank() + 1,
                    "Candidate " + candidate.rank() + " of " + k + " (round " + round.round() + ")",
                    "Candidate rank " + candidate.rank() + " of " + k + ", represents " + candidate.samplesRepresented()
                            + " of " + round.sampleCount() + " samples" + where,
                    algorithmType, candidate.mask()));
        }
        String sopInstanceUid = DeterministicIds.dicomUid("seg-round-instance", study, round.sessionId(),
                round.round(), round.model().version());
        SegmentationContent content = new SegmentationContent(
                DeterministicIds.dicomUid("seg-candidate-series", study, round.sessionId()),
                9000 + (int) (DeterministicIds.number("seg-series-number", study, round.sessionId()) % 500),
                "SPA candidates, session " + round.sessionId(),
                sopInstanceUid, round.round(), "SPA_CANDIDATES",
                "SPA round " + round.round() + " candidates, " + round.task(),
                Optional.empty(), round.requestedAt(), round.model(), SegmentedProperty.forTask(round.task()),
                segments);
        return write(source, content, outputDirectory);
    }

    /**
     * Writes the clinician-approved segmentation of a session (one segment) into {@code outputDirectory}.
     *
     * @throws SourceImageException if the source cannot be segmented (permanent)
     * @throws IOException          if reading the source or writing the file fails (may be retried)
     */
    public WrittenSegmentation writeFinal(ApprovedSegmentation approved, Path sourceImage, Path outputDirectory)
            throws IOException, SourceImageException {
        SourceImage source = SourceImage.read(sourceImage);
        String study = source.studyInstanceUid();
        ClinicianIdentity clinician = approved.approvedBy();
        SegmentDefinition segment = new SegmentDefinition(1, "Approved segmentation",
                "Approved by " + clinician.displayName() + " (id " + clinician.id() + "): " + approved.approvedOrigin()
                        + " of SPA session " + approved.sessionId() + ", model " + approved.model()
                        + ", task " + approved.task() + ".",
                "SEMIAUTOMATIC", approved.mask());
        String sopInstanceUid = DeterministicIds.dicomUid("seg-approved-instance", study, approved.sessionId(),
                approved.round(), approved.model().version(), clinician.id());
        SegmentationContent content = new SegmentationContent(
                DeterministicIds.dicomUid("seg-approved-series", study, approved.sessionId()),
                9500 + (int) (DeterministicIds.number("seg-series-number", study, approved.sessionId()) % 500),
                "SPA approved segmentation, session " + approved.sessionId(),
                sopInstanceUid, 1, "SPA_APPROVED",
                "SPA approved segmentation, " + approved.task(),
                Optional.of(clinician.personName()), approved.approvedAt(), approved.model(),
                SegmentedProperty.forTask(approved.task()), List.of(segment));
        return write(source, content, outputDirectory);
    }

    private WrittenSegmentation write(SourceImage source, SegmentationContent content, Path outputDirectory)
            throws IOException {
        Path file;
        try {
            file = part10.write(SegmentationDataset.build(source, content, equipment), outputDirectory,
                    content.sopInstanceUid());
        } catch (DicomException e) {
            // A dataset PixelMed cannot encode fails the same way on every retry: permanent, not an IOException.
            throw new IllegalStateException("cannot encode segmentation " + content.sopInstanceUid(), e);
        }
        LOG.debug("Wrote SEG {} ({} segments) in series {} for source {}", content.sopInstanceUid(),
                content.segments().size(), content.seriesInstanceUid(), source.sopInstanceUid());
        return new WrittenSegmentation(file, source.studyInstanceUid(), content.seriesInstanceUid(),
                content.sopInstanceUid(), SOPClass.SegmentationStorage, content.segments().size());
    }
}
