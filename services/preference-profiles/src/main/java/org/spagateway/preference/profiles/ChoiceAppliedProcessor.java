package org.spagateway.preference.profiles;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InvalidEventException;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.DeadLetter;
import org.spagateway.kafka.support.DeadLetterCounter;
import org.spagateway.kafka.support.CorrelationScope;

/**
 * Kafka Streams glue around {@link ProfileUpdate}: decodes a ChoiceApplied, skips an event id already applied,
 * updates the profile and forwards its ProfileUpdated; a record that cannot be decoded or applied is forwarded to
 * the dead-letter sink with a reason code instead of failing the stream thread. Store writes, outputs and the source
 * offset commit in one exactly-once transaction, so a crash in between repeats all of them or none.
 */
final class ChoiceAppliedProcessor implements Processor<String, byte[], String, byte[]> {

    static final String COMPONENT = "preference-profiles";
    private static final Logger LOG = LoggerFactory.getLogger(ChoiceAppliedProcessor.class);

    private final EventCodec codec;
    private final DeadLetterCounter deadLetters;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, PreferenceProfile> profiles;
    private KeyValueStore<String, Long> appliedChoices;

    ChoiceAppliedProcessor(EventCodec codec, DeadLetterCounter deadLetters) {
        this.codec = codec;
        this.deadLetters = deadLetters;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> processorContext) {
        this.context = processorContext;
        this.profiles = processorContext.getStateStore(PreferenceProfilesTopology.PROFILES_STORE);
        this.appliedChoices = processorContext.getStateStore(PreferenceProfilesTopology.APPLIED_CHOICES_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        EventEnvelope<ChoiceApplied> event;
        try {
            event = decode(record.value());
        } catch (InvalidEventException e) {
            deadLetter(record, e.reason().name(), e.getMessage());
            return;
        }
        try (CorrelationScope scope = CorrelationScope.open(event.correlationId())) {
            try {
                apply(record, event);
            } catch (UnusableChoiceException e) {
                deadLetter(record, e.reason().name(), e.getMessage());
            }
        }
    }

    private void apply(Record<String, byte[]> record, EventEnvelope<ChoiceApplied> event) {
        ChoiceApplied choice = event.data();
        if (!Objects.equals(record.key(), choice.clinician().id())) {
            throw new UnusableChoiceException(UnusableChoiceException.Reason.KEY_NOT_CLINICIAN,
                    "record key is not the clinician id of ChoiceApplied " + event.eventId());
        }
        Long appliedAs = appliedChoices.get(event.eventId());
        if (appliedAs != null) {
            LOG.debug("ChoiceApplied {} was applied before (profile version {}); ignored", event.eventId(), appliedAs);
            return;
        }
        String key = PreferenceProfile.storeKey(choice.clinician().id(), choice.task());
        PreferenceProfile next = ProfileUpdate.apply(profiles.get(key), choice);
        profiles.put(key, next);
        appliedChoices.put(event.eventId(), next.version());
        if (next.hasPreference()) {
            byte[] value = codec.encodeBytes(ProfileEventMapper.toEvent(next, event));
            context.forward(new Record<>(next.clinicianId(), value, record.timestamp()),
                    PreferenceProfilesTopology.PROFILE_UPDATED_SINK);
        }
    }

    private EventEnvelope<ChoiceApplied> decode(byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidEventException(InvalidEventException.Reason.MALFORMED_JSON, "record has no value");
        }
        return codec.decode(new String(value, StandardCharsets.UTF_8), EventType.CHOICE_APPLIED);
    }

    private void deadLetter(Record<String, byte[]> record, String reasonCode, String reason) {
        String sourceTopic = context.recordMetadata().map(RecordMetadata::topic).orElse(Topic.CHOICE_APPLIED.name());
        String position = context.recordMetadata()
                .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("unknown position");
        LOG.warn("Dead-lettering the record at {}: {}", position, reasonCode);
        RecordHeaders headers = new RecordHeaders();
        DeadLetter letter = DeadLetter.of(COMPONENT, sourceTopic, reasonCode, reason);
        letter.headers().forEach((name, text) -> headers.add(name, text.getBytes(StandardCharsets.UTF_8)));
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers),
                PreferenceProfilesTopology.DEAD_LETTER_SINK);
        // Counted when forwarded: the exactly-once commit follows; a crash before it forwards (and counts) again.
        deadLetters.published(letter.headers());
    }
}
