package org.spagateway.dicom.listener;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.StudyReceived;
import org.spagateway.storage.DurableFiles;

/**
 * Study history kept beside the instances: {@code <root>/<StudyUID>/study-state.properties} holds the last announced
 * version and the SOP Instance UIDs it listed (a few KiB even for large studies), written by atomic rename, with each
 * listed instance's size and SHA-256 ({@code sha256.<SOPInstanceUID>=<size>:<hex>}). The instances themselves are
 * re-read from their files (header only) when an evicted study receives a new instance, so a version after a restart
 * still lists everything stored so far; the recorded digest is reused when the file has the recorded size and was last
 * written before the state was, else (an instance stored but never announced, or replaced since) the file is hashed.
 */
final class FileStudyHistory implements StudyHistory {

    private static final Logger LOG = LoggerFactory.getLogger(FileStudyHistory.class);
    static final String STATE_FILE = "study-state.properties";
    private static final String SHA_256_PREFIX = "sha256.";

    private final Path root;
    private final InstanceHeaderReader headerReader;

    FileStudyHistory(Path root, InstanceHeaderReader headerReader) {
        this.root = root;
        this.headerReader = headerReader;
    }

    @Override
    public Previous load(String studyInstanceUid) {
        Path studyFolder = root.resolve(studyInstanceUid);
        if (!Files.isDirectory(studyFolder)) {
            return Previous.NONE;
        }
        Properties state = readState(studyFolder);
        FileTime stateWritten = lastModified(studyFolder.resolve(STATE_FILE));
        int version = version(state);
        Set<String> announcedUids = new HashSet<>(Arrays.asList(state.getProperty("instances", "").split(",")));
        List<StoredInstance> announced = new ArrayList<>();
        List<StoredInstance> unannounced = new ArrayList<>();
        for (Path file : instanceFiles(studyFolder)) {
            try {
                InstanceHeader header = headerReader.read(file);
                StoredInstance instance = toInstance(file, header,
                        digest(file, state.getProperty(SHA_256_PREFIX + header.sopInstanceUid()), stateWritten));
                (announcedUids.contains(instance.sopInstanceUid()) ? announced : unannounced).add(instance);
            } catch (IOException e) {
                LOG.warn("Skipping unreadable stored file {}: {}", file.getFileName(), StorageFailures.describe(e));
            }
        }
        return new Previous(version, announced, unannounced);
    }

    @Override
    public void recordCompleted(CompletedStudy study) {
        record(study.studyInstanceUid(), study.version(), study.instances().stream()
                .map(i -> new Recorded(i.sopInstanceUid(), i.sizeBytes(), i.sha256())).toList());
    }

    /**
     * Brings the study's history up to an announced event found in the outbox at start: a run that stopped between
     * writing the event and recording its version would otherwise number the next version the same again.
     */
    void catchUp(StudyReceived announced) {
        int recorded = version(readState(root.resolve(announced.studyInstanceUid())));
        if (recorded < announced.version()) {
            record(announced.studyInstanceUid(), announced.version(), announced.series().stream()
                    .flatMap(series -> series.instances().stream())
                    .map(i -> new Recorded(i.sopInstanceUid(), i.sizeBytes(), i.sha256())).toList());
        }
    }

    /** Writes the state durably: temporary file, fdatasync, rename, folder fsync. */
    private void record(String studyInstanceUid, int version, List<Recorded> instances) {
        Properties state = new Properties();
        state.setProperty("version", Integer.toString(version));
        state.setProperty("instances", String.join(",", instances.stream().map(Recorded::sopInstanceUid).toList()));
        for (Recorded instance : instances) {
            if (instance.sha256() != null) {
                state.setProperty(SHA_256_PREFIX + instance.sopInstanceUid(),
                        instance.sizeBytes() + ":" + instance.sha256());
            }
        }
        try {
            DurableFiles.replace(root.resolve(studyInstanceUid).resolve(STATE_FILE), out -> {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                state.store(writer, "spa-gateway dicom-listener: last announced StudyReceived version");
                writer.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded version; 0 when there is none or it is not a number (a damaged file: logged). */
    private static int version(Properties state) {
        try {
            return Integer.parseInt(state.getProperty("version", "0"));
        } catch (NumberFormatException e) {
            LOG.warn("Study state {} holds no readable version; counting from 0", STATE_FILE);
            return 0;
        }
    }

    /** Study folders holding more instance files than their last version announced (cheap: no file is parsed). */
    List<String> studiesWithUnannouncedInstances() {
        List<String> studies = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                String name = folder.getFileName().toString();
                if (!DicomUids.isValid(name)) {
                    continue;
                }
                String listed = readState(folder).getProperty("instances", "");
                int announced = listed.isEmpty() ? 0 : listed.split(",").length;
                if (instanceFiles(folder).size() > announced) {
                    studies.add(name);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot scan the storage root for unannounced instances: {}", StorageFailures.describe(e));
        }
        return studies;
    }

    private static Properties readState(Path studyFolder) {
        Properties state = new Properties();
        Path file = studyFolder.resolve(STATE_FILE);
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                state.load(reader);
            } catch (IOException e) {
                LOG.warn("Cannot read study state {}: {}", STATE_FILE, StorageFailures.describe(e));
            }
        }
        return state;
    }

    private static List<Path> instanceFiles(Path studyFolder) {
        try (Stream<Path> files = Files.walk(studyFolder, 2)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The recorded digest ({@code <size>:<hex>}) when it still describes the file: same size, and the file last written
     * before the state recording it (a replacement after that is newer). Otherwise the file's own digest.
     */
    private static String digest(Path file, String recorded, FileTime stateWritten) throws IOException {
        if (recorded != null && stateWritten != null) {
            int colon = recorded.indexOf(':');
            if (colon > 0 && recorded.substring(0, colon).equals(Long.toString(Files.size(file)))
                    && Files.getLastModifiedTime(file).compareTo(stateWritten) < 0) {
                return recorded.substring(colon + 1);
            }
        }
        return Part10Files.fileDigest(file);
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    /** What the state records of one announced instance. */
    private record Recorded(String sopInstanceUid, long sizeBytes, String sha256) {
    }

    private static StoredInstance toInstance(Path file, InstanceHeader header, String sha256) throws IOException {
        return new StoredInstance(header.studyInstanceUid(), header.seriesInstanceUid(), header.sopInstanceUid(),
                header.sopClassUid(), header.transferSyntaxUid(), file, Files.size(file), sha256, header.modality(),
                header.bodyPartExamined(), header.numberOfStudyRelatedInstances(), header.imagesInAcquisition(),
                header.sourceAeTitle(), Files.getLastModifiedTime(file).toInstant(), header.patientPseudonym());
    }
}
