package org.spagateway.kafka.support;

/**
 * Marks an exception that says a dependency is down (a PACS, a FHIR server, a webhook receiver), not that the record
 * is at fault: {@link RecordFaults} never dead-letters a record for it; the record is consumed again instead.
 */
public interface DependencyUnavailable {
}
