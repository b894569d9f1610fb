package org.spagateway.dicom.seg;

import com.pixelmed.dicom.AttributeList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.spagateway.dicom.objects.CodedConcept;
import org.spagateway.dicom.objects.DatasetBuilder;

/**
 * The Multi-frame Functional Groups and Multi-frame Dimension modules of a Segmentation (PS3.3 A.51.5, C.7.6.16,
 * C.7.6.17) for a single-frame source: one frame per segment. Frames are indexed by Referenced Segment Number and,
 * where the source has a patient coordinate system, by Image Position (Patient) too.
 */
final class FunctionalGroups {

    /** DCM 113076: the derivation code for a segmentation (CID 7203). */
    private static final CodedConcept SEGMENTATION = new CodedConcept("113076", "DCM", "Segmentation");
    /** DCM 121322: the purpose of reference to each frame's source (CID 7202). */
    private static final CodedConcept SOURCE_FOR_PROCESSING =
            new CodedConcept("121322", "DCM", "Source image for image processing operation");

    private FunctionalGroups() {
    }

    static void add(DatasetBuilder dataset, SourceImage source, SegmentationContent content,
                    String dimensionOrganizationUid) {
        Optional<SourceImage.PlaneGeometry> geometry = source.planeGeometry();
        dataset.sequence("SharedFunctionalGroupsSequence", shared(dataset, geometry));
        List<AttributeList> perFrame = new ArrayList<>();
        for (SegmentDefinition segment : content.segments()) {
            perFrame.add(perFrame(dataset, source, segment, geometry));
        }
        dataset.sequence("PerFrameFunctionalGroupsSequence", perFrame);
        dataset.put("NumberOfFrames", String.valueOf(perFrame.size()));

        dataset.sequence("DimensionOrganizationSequence", dataset.nested()
                .put("DimensionOrganizationUID", dimensionOrganizationUid).build());
        List<AttributeList> indices = new ArrayList<>();
        indices.add(dimensionIndex(dataset, dimensionOrganizationUid, "ReferencedSegmentNumber",
                "SegmentIdentificationSequence", "Segment Number"));
        if (geometry.isPresent()) {
            indices.add(dimensionIndex(dataset, dimensionOrganizationUid, "ImagePositionPatient",
                    "PlanePositionSequence", "Image Position Patient"));
        }
        dataset.sequence("DimensionIndexSequence", indices);
    }

    /** Pixel Measures and Plane Orientation are the same for every frame: they live in the shared group. */
    private static AttributeList shared(DatasetBuilder dataset,
                                        Optional<SourceImage.PlaneGeometry> geometry) {
        DatasetBuilder shared = dataset.nested();
        geometry.ifPresent(plane -> {
            DatasetBuilder measures = dataset.nested().put("PixelSpacing", plane.pixelSpacing());
            plane.sliceThickness().ifPresent(thickness -> measures.put("SliceThickness", thickness));
            shared.sequence("PixelMeasuresSequence", measures.build());
            shared.sequence("PlaneOrientationSequence", dataset.nested()
                    .put("ImageOrientationPatient", plane.imageOrientationPatient()).build());
        });
        return shared.build();
    }

    private static AttributeList perFrame(DatasetBuilder dataset, SourceImage source, SegmentDefinition segment,
                                          Optional<SourceImage.PlaneGeometry> geometry) {
        DatasetBuilder frame = dataset.nested();
        int[] indexValues = geometry.isPresent() ? new int[] {segment.number(), 1} : new int[] {segment.number()};
        frame.sequence("FrameContentSequence", dataset.nested().put("DimensionIndexValues", indexValues).build());
        geometry.ifPresent(plane -> frame.sequence("PlanePositionSequence", dataset.nested()
                .put("ImagePositionPatient", plane.imagePositionPatient()).build()));
        AttributeList sourceImage = dataset.nested()
                .put("ReferencedSOPClassUID", source.sopClassUid())
                .put("ReferencedSOPInstanceUID", source.sopInstanceUid())
                .code("PurposeOfReferenceCodeSequence", SOURCE_FOR_PROCESSING)
                .build();
        frame.sequence("DerivationImageSequence", dataset.nested()
                .code("DerivationCodeSequence", SEGMENTATION)
                .sequence("SourceImageSequence", sourceImage)
                .build());
        frame.sequence("SegmentIdentificationSequence", dataset.nested()
                .put("ReferencedSegmentNumber", segment.number()).build());
        return frame.build();
    }

    private static AttributeList dimensionIndex(DatasetBuilder dataset, String organizationUid,
                                                String indexPointer, String groupPointer, String label) {
        return dataset.nested()
                .tagPointer("DimensionIndexPointer", indexPointer)
                .tagPointer("FunctionalGroupPointer", groupPointer)
                .put("DimensionOrganizationUID", organizationUid)
                .put("DimensionDescriptionLabel", label)
                .build();
    }
}
