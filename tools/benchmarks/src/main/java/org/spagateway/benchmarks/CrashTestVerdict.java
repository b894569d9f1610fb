package org.spagateway.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.ChoiceApplied;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.SessionApproved;
import org.spagateway.events.Topic;

/**
 * What the topics hold after the crash test, against what the driver was told ({@link CrashTestLedger}): the
 * violations (lost or doubled work) and the counts for the report. Records repeated with the same event id (a
 * redelivery after a kill) are counted, not violations: consumers drop them.
 */
final class CrashTestVerdict {

    private final List<String> violations;
    private final Map<String, Long> counts;
    private final Path folder;

    private CrashTestVerdict(List<String> violations, Map<String, Long> counts, Path folder) {
        this.violations = violations;
        this.counts = counts;
        this.folder = folder;
    }

    static CrashTestVerdict check(String bootstrapServers, EventCodec codec, CrashTestLedger ledger, int kills,
                                  Path folder) {
        List<String> violations = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Set<String>> roundIds = new HashMap<>();
        Map<String, Set<String>> roundSegs = new HashMap<>();
        Set<String> studiesWithRounds = new HashSet<>();
        List<ConsumerRecord<String, byte[]>> ready = readAll(bootstrapServers, Topic.CANDIDATES_READY);
        for (ConsumerRecord<String, byte[]> record : ready) {
            EventEnvelope<CandidatesReady> event = codec.decode(text(record), EventType.CANDIDATES_READY);
            String key = CrashTestLedger.key(event.data().sessionId(), event.data().round());
            roundIds.computeIfAbsent(key, k -> new HashSet<>()).add(event.eventId());
            roundSegs.computeIfAbsent(key, k -> new HashSet<>()).add(event.data().segmentation().sopInstanceUid());
            studiesWithRounds.add(event.data().studyInstanceUid());
        }
        roundIds.forEach((round, ids) -> {
            if (ids.size() != 1 || roundSegs.get(round).size() != 1) {
                violations.add("round " + round + " has " + ids.size() + " candidate sets and "
                        + roundSegs.get(round).size() + " SEGs");
            }
        });
        for (String study : ledger.storedStudies()) {
            if (!studiesWithRounds.contains(study)) {
                violations.add("a study storescu saw stored has no candidate set");
            }
        }
        Map<String, Set<String>> appliedIds = new HashMap<>();
        Map<String, String> appliedDecision = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> applied = readAll(bootstrapServers, Topic.CHOICE_APPLIED);
        for (ConsumerRecord<String, byte[]> record : applied) {
            EventEnvelope<ChoiceApplied> event = codec.decode(text(record), EventType.CHOICE_APPLIED);
            String key = CrashTestLedger.key(event.data().sessionId(), event.data().round());
            appliedIds.computeIfAbsent(key, k -> new HashSet<>()).add(event.eventId());
            appliedDecision.put(key, event.data().decision().name());
        }
        ledger.acceptedChoices().forEach((round, decision) -> {
            int times = appliedIds.getOrDefault(round, Set.of()).size();
            if (times != 1 || !decision.equals(appliedDecision.get(round))) {
                violations.add("the choice accepted for round " + round + " was applied " + times + " times ("
                        + appliedDecision.get(round) + ")");
            }
        });
        Map<String, Set<String>> approvals = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> approved = readAll(bootstrapServers, Topic.SESSION_APPROVED);
        for (ConsumerRecord<String, byte[]> record : approved) {
            EventEnvelope<SessionApproved> event = codec.decode(text(record), EventType.SESSION_APPROVED);
            approvals.computeIfAbsent(event.data().sessionId(), k -> new HashSet<>()).add(event.eventId());
        }
        for (String session : ledger.approvedSessions()) {
            if (approvals.getOrDefault(session, Set.of()).size() != 1) {
                violations.add("session " + session + " approved " + approvals.getOrDefault(session, Set.of()).size()
                        + " times");
            }
        }
        List<ConsumerRecord<String, byte[]>> dead = readAll(bootstrapServers, Topic.DEAD_LETTER);
        if (!dead.isEmpty()) {
            violations.add(dead.size() + " dead letter(s)");
        }
        counts.put("kills (SIGKILL)", (long) kills);
        counts.put("studies storescu saw stored", (long) ledger.storedStudies().size());
        counts.put("rounds (session, round)", (long) roundIds.size());
        counts.put("CandidatesReady records (repeats included)", (long) ready.size());
        counts.put("choices answered 202 or 200", (long) ledger.acceptedChoices().size());
        counts.put("ChoiceApplied records (repeats included)", (long) applied.size());
        counts.put("sessions approved", (long) ledger.approvedSessions().size());
        counts.put("dead letters", (long) dead.size());
        ledger.statuses().forEach((status, times) -> counts.put("choice API answers " + status, (long) times));
        return new CrashTestVerdict(violations, counts, folder);
    }

    /** Adds a violation for every event still in the listener's outbox (checked after a clean stop). */
    CrashTestVerdict withOutbox(Path outbox) throws IOException {
        List<String> all = new ArrayList<>(violations);
        long left;
        try (Stream<Path> files = Files.list(outbox)) {
            left = files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
        }
        if (left > 0) {
            all.add(left + " event(s) left in the listener's outbox");
        }
        Map<String, Long> withLeft = new LinkedHashMap<>(counts);
        withLeft.put("events left in the outbox", left);
        return new CrashTestVerdict(all, withLeft, folder);
    }

    boolean passed() {
        return violations.isEmpty();
    }

    List<String> violations() {
        return violations;
    }

    Map<String, Long> counts() {
        return counts;
    }

    String report() {
        StringBuilder report = new StringBuilder("Crash test (synthetic data), work folder " + folder + "\n\n"
                + "| measure | value |\n|---|---|\n");
        counts.forEach((name, value) -> report.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        report.append("\nlost or doubled: ").append(violations.isEmpty() ? "none" : violations.size()).append('\n');
        violations.forEach(violation -> report.append("- ").append(violation).append('\n'));
        return report.toString();
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, Topic topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }
}
