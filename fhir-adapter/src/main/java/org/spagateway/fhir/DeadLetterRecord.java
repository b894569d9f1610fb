package org.spagateway.fhir;

import java.util.Map;

/** A consumed record the adapter gives up on, as it is written to {@code spa.dead-letter}. */
record DeadLetterRecord(String key, byte[] value, Map<String, String> headers) {

    DeadLetterRecord {
        headers = Map.copyOf(headers);
    }
}
