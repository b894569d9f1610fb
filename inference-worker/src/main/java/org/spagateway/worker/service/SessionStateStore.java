package org.spagateway.worker.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.spagateway.model.SessionState;

/**
 * Keeps each round's {@link SessionState} as JSON beside the round's SEG ({@code round-<n>.state.json} in the
 * session directory), so the next round (a clinician's choice) can resume the session on any worker. Written to a
 * {@code .part} file and renamed, so a reader never sees half a state.
 */
public final class SessionStateStore {

    public Path save(Path sessionDirectory, int round, SessionState state) throws IOException {
        Files.createDirectories(sessionDirectory);
        Path target = sessionDirectory.resolve(fileName(round));
        Path part = sessionDirectory.resolve(fileName(round) + ".part");
        Files.writeString(part, state.toJson(), StandardCharsets.UTF_8);
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    public SessionState load(Path sessionDirectory, int round) throws IOException {
        return SessionState.fromJson(Files.readString(sessionDirectory.resolve(fileName(round)),
                StandardCharsets.UTF_8));
    }

    static String fileName(int round) {
        return "round-" + round + ".state.json";
    }
}
