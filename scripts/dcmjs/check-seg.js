#!/usr/bin/env node
// Parses a DICOM Segmentation with dcmjs and rebuilds its label maps with dcmjs's Cornerstone adapter (the code
// path OHIF uses), then prints what a viewer would see as JSON on stdout:
//   { segmentCount, labelmapCount, segments: [{ number, label, description, algorithmType, algorithmName,
//     category, type, pixelCount }] }
// pixelCount counts, over all rebuilt label maps, the pixels labelled with that segment number; overlapping
// segments (allowed in BINARY SEGs) are spread over several label maps by the adapter.
// Usage: node check-seg.js <seg.dcm> <source.dcm>...    Exit status 0 on success, 1 on any failure.
"use strict";

const fs = require("fs");
const dcmjs = require("dcmjs");

dcmjs.log.setLevel("error");

function readDataset(path) {
  const bytes = fs.readFileSync(path);
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const dicomData = dcmjs.data.DicomMessage.readFile(arrayBuffer);
  const dataset = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dicomData.dict);
  return { arrayBuffer, dataset };
}

function asArray(value) {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

function first(value) {
  return asArray(value)[0];
}

function describeCode(sequence) {
  const item = first(sequence);
  return item ? { value: item.CodeValue, scheme: item.CodingSchemeDesignator, meaning: item.CodeMeaning } : null;
}

// A Cornerstone metadata provider over the source images, answering the modules the adapter asks for.
function metadataProviderFor(sources) {
  const byImageId = new Map();
  sources.forEach((source, index) => byImageId.set(`source:${index}`, source.dataset));
  const provider = {
    get(type, imageId) {
      const ds = byImageId.get(imageId);
      if (!ds) {
        return undefined;
      }
      const iop = asArray(ds.ImageOrientationPatient).map(Number);
      const orientation = iop.length === 6 ? iop : [1, 0, 0, 0, 1, 0];
      switch (type) {
        case "imagePlaneModule":
          return {
            rows: ds.Rows,
            columns: ds.Columns,
            rowCosines: orientation.slice(0, 3),
            columnCosines: orientation.slice(3, 6),
            imagePositionPatient: asArray(ds.ImagePositionPatient).map(Number),
            frameOfReferenceUID: ds.FrameOfReferenceUID,
          };
        case "imagePixelModule":
          return { rows: ds.Rows, columns: ds.Columns };
        case "generalSeriesModule":
          return { seriesInstanceUID: ds.SeriesInstanceUID, modality: ds.Modality };
        case "sopCommonModule":
          return { sopInstanceUID: ds.SOPInstanceUID, sopClassUID: ds.SOPClassUID };
        default:
          return undefined;
      }
    },
  };
  return { provider, imageIds: [...byImageId.keys()] };
}

function main(argv) {
  if (argv.length < 2) {
    throw new Error("usage: check-seg.js <seg.dcm> <source.dcm>...");
  }
  const seg = readDataset(argv[0]);
  const sources = argv.slice(1).map(readDataset);
  const { provider, imageIds } = metadataProviderFor(sources);

  const toolState = dcmjs.adapters.Cornerstone.Segmentation.generateToolState(
    imageIds, seg.arrayBuffer, provider, false, 1e-3, 4);
  if (!toolState) {
    throw new Error("dcmjs returned no tool state");
  }
  const counts = new Map();
  for (const buffer of toolState.labelmapBufferArray) {
    for (const label of new Uint16Array(buffer)) {
      if (label !== 0) {
        counts.set(label, (counts.get(label) || 0) + 1);
      }
    }
  }
  const segments = asArray(seg.dataset.SegmentSequence).map((item) => ({
    number: item.SegmentNumber,
    label: item.SegmentLabel,
    description: item.SegmentDescription,
    algorithmType: item.SegmentAlgorithmType,
    algorithmName: item.SegmentAlgorithmName,
    category: describeCode(item.SegmentedPropertyCategoryCodeSequence),
    type: describeCode(item.SegmentedPropertyTypeCodeSequence),
    pixelCount: counts.get(item.SegmentNumber) || 0,
  }));
  return {
    sopClassUid: seg.dataset.SOPClassUID,
    segmentationType: seg.dataset.SegmentationType,
    segmentCount: segments.length,
    labelmapCount: toolState.labelmapBufferArray.length,
    segments,
  };
}

try {
  process.stdout.write(JSON.stringify(main(process.argv.slice(2))) + "\n");
} catch (error) {
  process.stderr.write(`check-seg: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
}
