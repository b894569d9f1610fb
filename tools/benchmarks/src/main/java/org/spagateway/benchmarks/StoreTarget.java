package org.spagateway.benchmarks;

/** A C-STORE SCP under benchmark, running on 127.0.0.1. */
interface StoreTarget extends AutoCloseable {

    /** Short name for the report. */
    String name();

    String aeTitle();

    int port();

    /** Instances the target reports as stored so far (for checking that nothing was lost). */
    long storedInstances() throws Exception;

    @Override
    void close() throws Exception;
}
