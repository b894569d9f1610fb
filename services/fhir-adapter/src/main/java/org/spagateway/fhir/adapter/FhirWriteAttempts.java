package org.spagateway.fhir.adapter;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Duration;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.retry.Jitter;
import org.spagateway.retry.Pause;
import org.spagateway.retry.RetrySchedule;

/**
 * One record's transaction stored under {@link FhirWriteFailurePolicy}: stored; refused for good (the reason to
 * dead-letter it with); or thrown as {@link FhirServerUnavailableException} while the server is down, so the record
 * waits in Kafka however long the outage lasts. A {@linkplain FhirWriteFailurePolicy.Verdict#SUSPECT suspect}
 * failure (403, 409, 500) is tried again on {@code refusals}; if the last try fails the same way, the server is asked
 * for its CapabilityStatement: if it answers, the server is up and refuses this record, which is dead-lettered so
 * that it no longer blocks its partition; if it does not, the server is down after all.
 */
final class FhirWriteAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(FhirWriteAttempts.class);

    private final IGenericClient client;
    private final RecordTransactionWriter writer;
    private final RetrySchedule refusals;
    private final Pause pause;
    private final Jitter jitter;
    private final FhirWriteFailurePolicy policy = new FhirWriteFailurePolicy();
    private final FhirWriteMetrics metrics;

    FhirWriteAttempts(IGenericClient client, RetrySchedule refusals, Pause pause, Jitter jitter,
                      FhirWriteMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
        this.writer = new RecordTransactionWriter(client);
        this.refusals = refusals;
        this.pause = pause;
        this.jitter = jitter;
    }

    /**
     * @param what the record, for the log and the exception (no PHI: an event id and kind)
     * @return the server's transaction-response when stored, or empty with {@code refusal} set when refused for good
     * @throws FhirServerUnavailableException while the server cannot store it now
     */
    Outcome store(RecordTransaction transaction, String what) {
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            long started = System.nanoTime();
            try {
                Outcome stored = Outcome.stored(writer.write(transaction));
                metrics.stored(Duration.ofNanos(System.nanoTime() - started));
                return stored;
            } catch (RuntimeException e) {
                failure = e;
            }
            FhirWriteFailurePolicy.Verdict verdict = policy.classify(failure);
            metrics.failed(Duration.ofNanos(System.nanoTime() - started), verdict,
                    FhirWriteFailurePolicy.status(failure));
            switch (verdict) {
                case UNAVAILABLE -> throw unavailable(what, failure);
                case PERMANENT -> {
                    return Outcome.refused(reason(failure, attempt));
                }
                case SUSPECT -> {
                    if (attempt < refusals.maxAttempts()) {
                        LOG.warn("FHIR server refused {} (attempt {} of {}): {}", what, attempt,
                                refusals.maxAttempts(), failure.toString());
                        waitBefore(attempt + 1, what, failure);
                    } else if (serverAnswers()) {
                        return Outcome.refused(reason(failure, attempt));
                    } else {
                        throw unavailable(what, failure);
                    }
                }
            }
        }
    }

    private void waitBefore(int attempt, String what, RuntimeException failure) {
        try {
            pause.pause(jitter.apply(refusals.delayBefore(attempt)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what, failure);
        }
    }

    private boolean serverAnswers() {
        try {
            client.capabilities().ofType(CapabilityStatement.class).execute();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("FHIR server does not answer its capability statement either: {}", e.toString());
            return false;
        }
    }

    private static FhirServerUnavailableException unavailable(String what, RuntimeException failure) {
        LOG.warn("FHIR server cannot store {} now, it will be consumed again: {}", what, failure.toString());
        return new FhirServerUnavailableException("FHIR server unavailable for " + what, failure);
    }

    private static String reason(RuntimeException failure, int attempts) {
        int status = FhirWriteFailurePolicy.status(failure);
        return (status == 0 ? "" : "HTTP " + status + " ") + "after " + attempts + " attempt(s): "
                + failure.getMessage();
    }

    /** Stored (with the server's response), or refused for good (with the reason). */
    record Outcome(Optional<Bundle> response, String refusal) {

        static Outcome stored(Bundle response) {
            return new Outcome(Optional.of(response), null);
        }

        static Outcome refused(String reason) {
            return new Outcome(Optional.empty(), reason);
        }

        boolean isStored() {
            return response.isPresent();
        }
    }
}
