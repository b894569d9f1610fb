package org.spagateway.study.generator;

import java.nio.file.Path;
import java.util.List;

/** The UIDs of a generated study and the Part 10 files written for it, in instance-number order. */
public record GeneratedStudy(String studyInstanceUid, String seriesInstanceUid, String sopClassUid, List<Path> files) {

    public GeneratedStudy {
        files = List.copyOf(files);
    }
}
