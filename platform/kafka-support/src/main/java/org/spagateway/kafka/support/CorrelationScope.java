package org.spagateway.kafka.support;

import org.slf4j.MDC;

/**
 * The correlation id of the event being handled, in the logging MDC ({@value #MDC_KEY}) for as long as the scope is
 * open, so one study's or session's log lines can be followed across every service. Opened per record:
 * {@code try (CorrelationScope scope = CorrelationScope.open(event.correlationId())) { ... }}.
 */
public final class CorrelationScope implements AutoCloseable {

    /** The MDC key every service uses (log patterns print it as {@code %X{correlationId}}). */
    public static final String MDC_KEY = "correlationId";

    private CorrelationScope() {
    }

    /** Puts {@code correlationId} into the MDC; a null id leaves the MDC unchanged. */
    public static CorrelationScope open(String correlationId) {
        if (correlationId != null) {
            MDC.put(MDC_KEY, correlationId);
        }
        return new CorrelationScope();
    }

    @Override
    public void close() {
        MDC.remove(MDC_KEY);
    }
}
