package org.spagateway.dicom.seg;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SpecificCharacterSet;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.spagateway.dicom.objects.CodedConcept;
import org.spagateway.dicom.objects.DatasetBuilder;
import org.spagateway.events.DeterministicIds;

/**
 * Builds the AttributeList of a BINARY Segmentation instance (PS3.3 A.51) directly, module by module: Patient and
 * General Study copied from the source; General Series, Segmentation Series, Frame of Reference (when the source
 * has one), General and Enhanced General Equipment, General Image, Image Pixel, Segmentation Image, Multi-frame
 * Functional Groups and Dimension, Common Instance Reference and SOP Common. PixelMed's
 * IndexedLabelMapToSegmentation is not used: its output fails dciodvfy on single-frame input (DESIGN.md).
 */
final class SegmentationDataset {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xx");
    /** DCM 123110: CID 7162 algorithm family of a machine-learned model. */
    private static final CodedConcept ARTIFICIAL_INTELLIGENCE =
            new CodedConcept("123110", "DCM", "Artificial Intelligence");

    private SegmentationDataset() {
    }

    static AttributeList build(SourceImage source, SegmentationContent content, SegmentationEquipment equipment) {
        for (SegmentDefinition segment : content.segments()) {
            segment.mask().requireSize(source.columns(), source.rows(), "segment " + segment.number() + " mask");
        }
        List<String> characterSet = characterSet(source, content);
        DatasetBuilder dataset = new DatasetBuilder(
                characterSet.isEmpty() ? null : new SpecificCharacterSet(characterSet.toArray(String[]::new)));
        if (!characterSet.isEmpty()) {
            dataset.put("SpecificCharacterSet", characterSet.toArray(String[]::new));
        }
        ZonedDateTime time = content.contentTime().atZone(equipment.zone());
        String date = DATE.format(time);
        String clock = TIME.format(time);

        // SOP Common (C.12.1): creation time from the request, not the clock, so redelivery is byte-identical.
        dataset.put("SOPClassUID", SOPClass.SegmentationStorage)
                .put("SOPInstanceUID", content.sopInstanceUid())
                .put("InstanceCreationDate", date)
                .put("InstanceCreationTime", clock)
                .put("TimezoneOffsetFromUTC", OFFSET.format(time));
        source.patientAndStudyAttributes().forEach(dataset::put);

        // General Series (C.7.3.1) and Segmentation Series (C.8.20.1): one series per SPA session.
        dataset.put("Modality", "SEG")
                .put("SeriesInstanceUID", content.seriesInstanceUid())
                .put("SeriesNumber", String.valueOf(content.seriesNumber()))
                .put("SeriesDescription", Texts.fit(content.seriesDescription(), 64));

        // Frame of Reference (C.7.4.1): the SEG shares the source's patient coordinate system where it has one. A
        // photograph (OP) has none, so neither has its SEG: pixel-to-pixel correspondence via the Derivation Image
        // references is what ties the frames to the source.
        source.frameOfReferenceUid().ifPresent(uid -> dataset.put("FrameOfReferenceUID", uid)
                .put("PositionReferenceIndicator", source.positionReferenceIndicator()));

        // General Equipment (C.7.5.1) and Enhanced General Equipment (C.7.5.2).
        dataset.put("Manufacturer", SegmentationEquipment.MANUFACTURER)
                .put("ManufacturerModelName", equipment.manufacturerModelName())
                .put("DeviceSerialNumber", equipment.deviceSerialNumber())
                .put("SoftwareVersions", equipment.softwareVersions());

        // General Image (C.7.6.1), Segmentation Image (C.8.20.2), Multi-frame Functional Groups (C.7.6.16).
        dataset.put("InstanceNumber", String.valueOf(content.instanceNumber()))
                .put("ContentDate", date)
                .put("ContentTime", clock)
                .put("ImageType", "DERIVED", "PRIMARY")
                .put("ContentLabel", content.contentLabel())
                .put("ContentDescription", Texts.fit(content.contentDescription(), 64));
        if (source.planeGeometry().isEmpty()) {
            // Type 2C in General Image when there is no Plane Orientation: the source's Patient Orientation (a
            // fundus photograph's is usually empty, "unknown"), so both are displayed the same way round.
            dataset.put("PatientOrientation", source.patientOrientation().toArray(String[]::new));
        }
        content.contentCreatorName().ifPresentOrElse(name -> dataset.put("ContentCreatorName", name),
                () -> dataset.empty("ContentCreatorName"));
        dataset.put("SamplesPerPixel", 1)
                .put("PhotometricInterpretation", "MONOCHROME2")
                .put("Rows", source.rows())
                .put("Columns", source.columns())
                .put("BitsAllocated", 1)
                .put("BitsStored", 1)
                .put("HighBit", 0)
                .put("PixelRepresentation", 0)
                .put("LossyImageCompression", "00")
                .put("SegmentationType", "BINARY")
                .sequence("SegmentSequence", segmentItems(dataset, content));

        FunctionalGroups.add(dataset, source, content,
                DeterministicIds.dicomUid("seg-dimension-organization", content.sopInstanceUid()));

        // Common Instance Reference (C.12.2): the source is in the same study, so a Referenced Series Sequence.
        dataset.sequence("ReferencedSeriesSequence", dataset.nested()
                .put("SeriesInstanceUID", source.seriesInstanceUid())
                .sequence("ReferencedInstanceSequence", dataset.nested()
                        .put("ReferencedSOPClassUID", source.sopClassUid())
                        .put("ReferencedSOPInstanceUID", source.sopInstanceUid())
                        .build())
                .build());

        OtherByteAttribute pixelData = new OtherByteAttribute(DatasetBuilder.tag("PixelData"));
        try {
            pixelData.setValues(BinaryFramePacker.pack(
                    content.segments().stream().map(SegmentDefinition::mask).toList()));
        } catch (com.pixelmed.dicom.DicomException e) {
            throw new IllegalStateException("cannot set pixel data", e);
        }
        return dataset.put(pixelData).build();
    }

    private static List<AttributeList> segmentItems(DatasetBuilder dataset, SegmentationContent content) {
        SegmentedProperty property = content.property();
        List<AttributeList> items = new ArrayList<>();
        for (SegmentDefinition segment : content.segments()) {
            DatasetBuilder item = dataset.nested()
                    .put("SegmentNumber", segment.number())
                    .put("SegmentLabel", Texts.fit(segment.label(), 64))
                    .put("SegmentDescription", Texts.fit(segment.description(), 1024))
                    .put("SegmentAlgorithmType", segment.algorithmType())
                    .put("SegmentAlgorithmName", content.model().name())
                    .sequence("SegmentationAlgorithmIdentificationSequence", dataset.nested()
                            .code("AlgorithmFamilyCodeSequence", ARTIFICIAL_INTELLIGENCE)
                            .put("AlgorithmName", content.model().name())
                            .put("AlgorithmVersion", content.model().version())
                            .build())
                    .code("SegmentedPropertyCategoryCodeSequence", property.category())
                    .code("SegmentedPropertyTypeCodeSequence", property.type());
            property.anatomicRegion().ifPresent(region -> item.code("AnatomicRegionSequence", region));
            items.add(item.build());
        }
        return items;
    }

    /**
     * The source's Specific Character Set; the copied patient and study values keep their encoding. A source
     * without one uses the default repertoire (ASCII); if the SEG's own text needs more, ISO_IR 192 (UTF-8) is
     * declared, which leaves ASCII values unchanged.
     */
    private static List<String> characterSet(SourceImage source, SegmentationContent content) {
        List<String> declared = source.specificCharacterSet();
        if (!declared.isEmpty()) {
            return declared;
        }
        boolean ascii = Stream.concat(
                        Stream.of(content.seriesDescription(), content.contentDescription(),
                                content.contentCreatorName().orElse(""), content.model().name(),
                                content.model().version()),
                        content.segments().stream().flatMap(s -> Stream.of(s.label(), s.description())))
                .allMatch(text -> text.chars().allMatch(c -> c < 0x80));
        return ascii ? List.of() : List.of("ISO_IR 192");
    }
}
