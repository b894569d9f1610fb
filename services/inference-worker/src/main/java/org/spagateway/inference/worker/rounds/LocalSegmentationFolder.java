package org.spagateway.inference.worker.rounds;

import java.nio.file.Path;

/**
 * Where this worker writes its own copy of the SEG files it produces ({@code spa.worker.output-root}/study/session):
 * an operator's copy (the demo prints it, {@code dcmdump} reads it), which no other service reads. What others need of
 * a round (its state, its recommended mask, the SEG's bytes) is in the ledger's database
 * ({@link org.spagateway.sessions.SessionArtifacts}), so after a rebalance the worker that serves a session's next
 * round writes into its own folder, never into the folder the session record names (another host's).
 */
record LocalSegmentationFolder(Path outputRoot) {

    Path of(String studyInstanceUid, String sessionId) {
        return outputRoot.resolve(studyInstanceUid).resolve(sessionId);
    }
}
