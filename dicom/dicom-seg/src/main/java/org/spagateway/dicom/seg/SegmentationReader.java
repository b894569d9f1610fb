package org.spagateway.dicom.seg;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spagateway.dicom.objects.DatasetBuilder;

/**
 * Reads a BINARY Segmentation (PS3.3 A.51, C.8.20.2) back into masks: each frame's segment comes from its Segment
 * Identification Sequence (Referenced Segment Number) in the Per-frame Functional Groups; the frames' bits are packed
 * without padding between frames, the first pixel of each byte in its least significant bit (PS3.5 8.1.1), the
 * layout {@link BinaryFramePacker} writes. For a single-frame source there is one frame per segment (a segment with
 * several frames would be a volume, which the picker does not show: the frames are combined). The candidates'
 * "represents n of N samples" is read from the Segment Description {@link SegmentationWriter} writes.
 */
public final class SegmentationReader {

    /** The phrase {@link SegmentationWriter#write} puts in a candidate's Segment Description. */
    private static final Pattern REPRESENTS = Pattern.compile("represents (\\d{1,9}) of (\\d{1,9}) samples");
    /** All samples of a round: the recommended segment's description. */
    private static final Pattern AGGREGATED = Pattern.compile("aggregated over all (\\d{1,9}) samples");

    /**
     * @param in a DICOM Part 10 stream (or a dataset without meta information); not closed. Read whole before
     *           parsing, so that a failure of the stream (worth a retry) is told apart from bytes that are not DICOM
     * @throws IOException                  the stream failed
     * @throws SegmentationFormatException  it is not a BINARY Segmentation this reader can unpack
     */
    public StoredSegmentation read(InputStream in) throws IOException, SegmentationFormatException {
        byte[] bytes = in.readAllBytes();
        AttributeList list = new AttributeList();
        try {
            list.read(new DicomInputStream(new ByteArrayInputStream(bytes)));
        } catch (DicomException | IOException e) {
            throw new SegmentationFormatException("not a readable DICOM object", e);
        }
        String sopClass = text(list, "SOPClassUID");
        if (!SOPClass.SegmentationStorage.equals(sopClass)) {
            throw new SegmentationFormatException("not Segmentation Storage but SOP class " + sopClass);
        }
        if (!"BINARY".equals(text(list, "SegmentationType"))) {
            throw new SegmentationFormatException("Segmentation Type " + text(list, "SegmentationType")
                    + " is not BINARY");
        }
        int rows = Attribute.getSingleIntegerValueOrDefault(list, DatasetBuilder.tag("Rows"), 0);
        int columns = Attribute.getSingleIntegerValueOrDefault(list, DatasetBuilder.tag("Columns"), 0);
        int frames = Attribute.getSingleIntegerValueOrDefault(list, DatasetBuilder.tag("NumberOfFrames"), 1);
        Attribute pixelData = list.get(DatasetBuilder.tag("PixelData"));
        if (rows < 1 || columns < 1 || pixelData == null) {
            throw new SegmentationFormatException("no frames in the segmentation");
        }
        byte[] bits;
        try {
            bits = pixelData.getByteValues();
        } catch (DicomException e) {
            throw new SegmentationFormatException("cannot read the pixel data", e);
        }
        long pixelsPerFrame = (long) rows * columns;
        if (bits.length * 8L < pixelsPerFrame * frames) {
            throw new SegmentationFormatException("pixel data holds " + bits.length + " bytes, too few for " + frames
                    + " frames of " + columns + "x" + rows);
        }
        List<Integer> frameSegments = frameSegments(list, frames);
        Map<Integer, BitSet> masks = new HashMap<>();
        for (int frame = 0; frame < frames; frame++) {
            BitSet mask = masks.computeIfAbsent(frameSegments.get(frame), number -> new BitSet());
            long first = frame * pixelsPerFrame;
            for (int i = 0; i < pixelsPerFrame; i++) {
                long bit = first + i;
                if ((bits[(int) (bit >>> 3)] & (1 << (bit & 7))) != 0) {
                    mask.set(i);
                }
            }
        }
        List<StoredSegment> segments = new ArrayList<>();
        for (AttributeList item : items(list, "SegmentSequence")) {
            int number = Attribute.getSingleIntegerValueOrDefault(item, DatasetBuilder.tag("SegmentNumber"), 0);
            String description = text(item, "SegmentDescription");
            Matcher represents = REPRESENTS.matcher(description);
            Matcher aggregated = AGGREGATED.matcher(description);
            boolean candidate = represents.find();
            OptionalInt sampleCount = candidate ? OptionalInt.of(Integer.parseInt(represents.group(2)))
                    : aggregated.find() ? OptionalInt.of(Integer.parseInt(aggregated.group(1))) : OptionalInt.empty();
            segments.add(new StoredSegment(number, text(item, "SegmentLabel"), description,
                    new MaskGrid(columns, rows, masks.getOrDefault(number, new BitSet())),
                    candidate ? OptionalInt.of(Integer.parseInt(represents.group(1))) : OptionalInt.empty(),
                    sampleCount));
        }
        segments.sort(Comparator.comparingInt(StoredSegment::number));
        return new StoredSegmentation(columns, rows, segments);
    }

    /** The Referenced Segment Number of every frame, in frame order. */
    private static List<Integer> frameSegments(AttributeList list, int frames) throws SegmentationFormatException {
        List<AttributeList> perFrame = items(list, "PerFrameFunctionalGroupsSequence");
        if (perFrame.size() != frames) {
            throw new SegmentationFormatException(perFrame.size() + " per-frame functional groups for " + frames
                    + " frames");
        }
        List<Integer> numbers = new ArrayList<>();
        for (AttributeList frame : perFrame) {
            List<AttributeList> identification = items(frame, "SegmentIdentificationSequence");
            int number = identification.isEmpty() ? 0 : Attribute.getSingleIntegerValueOrDefault(
                    identification.get(0), DatasetBuilder.tag("ReferencedSegmentNumber"), 0);
            if (number < 1) {
                throw new SegmentationFormatException("frame " + (numbers.size() + 1) + " names no segment");
            }
            numbers.add(number);
        }
        return numbers;
    }

    private static List<AttributeList> items(AttributeList list, String keyword) {
        List<AttributeList> items = new ArrayList<>();
        if (list.get(DatasetBuilder.tag(keyword)) instanceof SequenceAttribute sequence) {
            for (int i = 0; i < sequence.getNumberOfItems(); i++) {
                items.add(sequence.getItem(i).getAttributeList());
            }
        }
        return items;
    }

    private static String text(AttributeList list, String keyword) {
        return Attribute.getSingleStringValueOrEmptyString(list, DatasetBuilder.tag(keyword));
    }
}
