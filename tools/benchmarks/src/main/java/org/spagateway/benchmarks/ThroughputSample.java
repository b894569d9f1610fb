package org.spagateway.benchmarks;

/** One timed transfer: {@code instances} sent by one storescu association in {@code nanos}. */
record ThroughputSample(String target, int round, int instances, long nanos) {

    double instancesPerSecond() {
        return instances / (nanos / 1e9);
    }
}
