package org.spagateway.dicom.listener;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Study history kept beside the instances: {@code <root>/<StudyUID>/study-state.properties} holds the last announced
 * version and the SOP Instance UIDs it listed (a few KiB even for large studies), written by atomic rename. The
 * instances themselves are re-read from their files (header only) when an evicted study receives a new instance, so
 * a version after a restart still lists everything stored so far.
 */
final class FileStudyHistory implements StudyHistory {

    private static final Logger LOG = LoggerFactory.getLogger(FileStudyHistory.class);
    static final String STATE_FILE = "study-state.properties";

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
        int version = Integer.parseInt(state.getProperty("version", "0"));
        Set<String> announcedUids = new HashSet<>(Arrays.asList(state.getProperty("instances", "").split(",")));
        List<StoredInstance> announced = new ArrayList<>();
        List<StoredInstance> unannounced = new ArrayList<>();
        for (Path file : instanceFiles(studyFolder)) {
            try {
                StoredInstance instance = toInstance(file, headerReader.read(file));
                (announcedUids.contains(instance.sopInstanceUid()) ? announced : unannounced).add(instance);
            } catch (IOException e) {
                LOG.warn("Skipping unreadable stored file {}: {}", file.getFileName(), StorageFailures.describe(e));
            }
        }
        return new Previous(version, announced, unannounced);
    }

    @Override
    public void recordCompleted(CompletedStudy study) {
        Properties state = new Properties();
        state.setProperty("version", Integer.toString(study.version()));
        state.setProperty("instances", String.join(",",
                study.instances().stream().map(StoredInstance::sopInstanceUid).toList()));
        Path folder = root.resolve(study.studyInstanceUid());
        Path temporary = folder.resolve(STATE_FILE + ".part");
        try {
            Files.createDirectories(folder);
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                state.store(writer, "spa-gateway dicom-listener: last announced StudyReceived version");
            }
            Files.move(temporary, folder.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    private static StoredInstance toInstance(Path file, InstanceHeader header) throws IOException {
        return new StoredInstance(header.studyInstanceUid(), header.seriesInstanceUid(), header.sopInstanceUid(),
                header.sopClassUid(), header.transferSyntaxUid(), file, Files.size(file), header.modality(),
                header.bodyPartExamined(), header.numberOfStudyRelatedInstances(), header.imagesInAcquisition(),
                header.sourceAeTitle(), Files.getLastModifiedTime(file).toInstant());
    }
}
