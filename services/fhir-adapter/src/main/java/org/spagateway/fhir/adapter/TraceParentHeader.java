package org.spagateway.fhir.adapter;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import java.util.UUID;
import org.slf4j.MDC;
import org.spagateway.kafka.support.CorrelationScope;
import org.spagateway.kafka.support.TraceParent;

/**
 * Sends the W3C {@code traceparent} of the event being recorded with every FHIR request: the trace is the event's
 * correlation id ({@link CorrelationScope}, open while a record is written), each request a new span. Requests made
 * outside a record (the capability probe) carry none.
 */
final class TraceParentHeader implements IClientInterceptor {

    @Override
    public void interceptRequest(IHttpRequest request) {
        String correlationId = MDC.get(CorrelationScope.MDC_KEY);
        if (correlationId != null) {
            request.addHeader(TraceParent.HEADER, TraceParent.of(correlationId, UUID.randomUUID().toString()));
        }
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // Nothing to read back.
    }
}
