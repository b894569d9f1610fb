package org.spagateway.app;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.spagateway.events.DeadLetterHeaders;

/**
 * Which dead letters a replay takes: by reason code (any of them; all when empty), by the component that gave up
 * (optional), and by when they were dead-lettered (the record's timestamp, {@code since} inclusive, {@code until}
 * exclusive).
 */
record DeadLetterFilter(Set<String> reasonCodes, Optional<String> component, Optional<Instant> since,
                        Optional<Instant> until) {

    DeadLetterFilter {
        reasonCodes = Set.copyOf(reasonCodes);
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new IllegalArgumentException("--since must be before --until");
        }
    }

    boolean matches(ConsumerRecord<?, ?> deadLetter) {
        Instant at = Instant.ofEpochMilli(deadLetter.timestamp());
        return (reasonCodes.isEmpty() || header(deadLetter, DeadLetterHeaders.REASON_CODE)
                .filter(reasonCodes::contains).isPresent())
                && component.map(c -> header(deadLetter, DeadLetterHeaders.COMPONENT).filter(c::equals).isPresent())
                .orElse(true)
                && since.map(s -> !at.isBefore(s)).orElse(true)
                && until.map(at::isBefore).orElse(true);
    }

    static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
