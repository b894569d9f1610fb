package org.spagateway.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import org.spagateway.testing.OrthancProcess;

/** Debian's Orthanc as a C-STORE SCP (its own storage and SQLite index), without auto-routing. */
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
