package org.spagateway.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import org.spagateway.test.harness.OrthancProcess;

/**
 * Debian's Orthanc as a C-STORE SCP (its own storage and SQLite index), without auto-routing. Orthanc 1.10 (Debian
 * 12) keeps its default {@code SyncStorageArea: true} (since Orthanc 1.7.4): every stored file is fdatasync'ed before
 * the C-STORE response, its folder is not, and the SQLite index is synced per batch of transactions rather than per
 * instance (strace: 300 fdatasync on storage files and 27 on the index for 300 instances).
 */
final class OrthancTarget implements StoreTarget {

    private final OrthancProcess orthanc;

    private OrthancTarget(OrthancProcess orthanc) {
        this.orthanc = orthanc;
    }

    static OrthancTarget start(Path workDir) throws IOException {
        return new OrthancTarget(OrthancProcess.start(workDir.resolve("orthanc"), "ORTHANC", null));
    }

    @Override
    public String name() {
        return "Orthanc";
    }

    @Override
    public String aeTitle() {
        return orthanc.aeTitle();
    }

    @Override
    public int port() {
        return orthanc.dicomPort();
    }

    @Override
    public long storedInstances() throws Exception {
        return orthanc.instanceCount();
    }

    @Override
    public void close() {
        orthanc.close();
    }
}
