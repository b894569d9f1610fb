package org.spagateway.study.generator;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to generate: task, number of instances, whether each instance declares the study size in Number of Study
 * Related Instances (0020,1208), the seed every UID and pixel derives from, an optional forced Study Instance UID
 * (to add a late instance to an existing study), and the image matrix size (square).
 */
public record StudySpec(DemoTask task, int instanceCount, boolean declareStudySize, long seed,
                        Optional<String> studyInstanceUid, int size) {

    /** PS3.5 9.1: digits and dots, no leading zero in a component, at most 64 characters. */
    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");
    static final int MIN_SIZE = 16;
    static final int MAX_SIZE = 4096;

    public StudySpec {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        if (instanceCount < 1) {
            throw new IllegalArgumentException("instanceCount must be at least 1, was " + instanceCount);
        }
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be within " + MIN_SIZE + ".." + MAX_SIZE + ", was " + size);
        }
        studyInstanceUid.ifPresent(uid -> {
            if (uid.length() > 64 || !UID.matcher(uid).matches()) {
                throw new IllegalArgumentException("not a valid DICOM UID: " + uid);
            }
        });
    }

    /** The five-component form, at the task's default size. */
    public StudySpec(DemoTask task, int instanceCount, boolean declareStudySize, long seed,
                     Optional<String> studyInstanceUid) {
        this(task, instanceCount, declareStudySize, seed, studyInstanceUid, task.defaultSize());
    }

    /** A study with a new derived Study Instance UID that declares its size, at the task's default matrix. */
    public static StudySpec of(DemoTask task, int instanceCount, long seed) {
        return new StudySpec(task, instanceCount, true, seed, Optional.empty());
    }

    public StudySpec withStudyInstanceUid(String uid) {
        return new StudySpec(task, instanceCount, declareStudySize, seed, Optional.of(uid), size);
    }

    public StudySpec withDeclaredStudySize(boolean declare) {
        return new StudySpec(task, instanceCount, declare, seed, studyInstanceUid, size);
    }

    public StudySpec withSize(int newSize) {
        return new StudySpec(task, instanceCount, declareStudySize, seed, studyInstanceUid, newSize);
    }

    public StudySpec withSeed(long newSeed) {
        return new StudySpec(task, instanceCount, declareStudySize, newSeed, studyInstanceUid, size);
    }
}
