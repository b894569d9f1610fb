package org.spagateway.sessions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.spagateway.storage.DurableFiles;
import org.spagateway.storage.Quarantine;

/**
 * The sessions' ledger: one directory per session under {@code <root>/<sessionId>/} holding {@code session.json},
 * {@code round-<n>.json} per stored round and {@code choice-<n>.json} per decided round. The root must be storage
 * that every worker and every choice ingress of a deployment shares (one volume in the all-in-one).
 *
 * <p>Every file is written to a private temporary name, synced, and then published by a hard link, which fails if the
 * name exists ({@link DurableFiles#createOnce}): a reader never sees half a file, a record once written never changes,
 * it survives a power loss once the call returns, and of two choices racing for the same round exactly one is recorded
 * ({@link #claim}). A record that cannot be read all the same (torn by a crash before writes were synced, or damaged
 * on disk) is set aside in the session's {@code quarantine/} folder with an ERROR and counts as absent: the session,
 * round or choice can then be recorded again, and no reader fails on it for ever. Thread-safe and safe across
 * processes on one file system.
 */
public final class SessionLedger {

    private static final Pattern ROUND_FILE = Pattern.compile("round-(\\d+)\\.json");
    private static final Pattern CHOICE_FILE = Pattern.compile("choice-(\\d+)\\.json");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path root;
    private final Quarantine quarantine;

    public SessionLedger(Path root) {
        this(root, Clock.systemUTC());
    }

    SessionLedger(Path root, Clock clock) {
        this.root = root.toAbsolutePath();
        this.quarantine = new Quarantine(clock);
    }

    public Path root() {
        return root;
    }

    /**
     * Writes and syncs a small probe file under the root ({@code .health/probe}): whether a session, round or choice
     * could be recorded now.
     *
     * @throws IOException when the ledger's storage cannot be written (read-only, full, gone)
     */
    public void probeWritable() throws IOException {
        DurableFiles.replace(root.resolve(".health").resolve("probe"),
                java.time.Instant.now().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Records a new session; writing the same session again is a no-op (a redelivered first round). */
    public void open(SessionRecord session) throws IOException {
        publish(directory(session.sessionId()).resolve("session.json"), session);
    }

    /** Records a stored round; recording it again is a no-op. */
    public void addRound(String sessionId, RoundRecord round) throws IOException {
        publish(directory(sessionId).resolve("round-" + round.round() + ".json"), round);
    }

    /**
     * Records the decision for a round unless one is recorded already.
     *
     * @return the decision now recorded for the round: {@code choice} itself when this call recorded it, otherwise
     *         the one recorded before (compare with {@link ChoiceRecord#sameDecisionAs})
     */
    public ChoiceRecord claim(String sessionId, ChoiceRecord choice) throws IOException {
        Path target = directory(sessionId).resolve("choice-" + choice.round() + ".json");
        while (!publish(target, choice)) {
            Optional<ChoiceRecord> recorded = read(target, ChoiceRecord.class);
            if (recorded.isPresent()) {
                return recorded.get();
            }
        }
        return choice;
    }

    /** The session as stored now, or empty if there is no such session (or the id cannot be a session id). */
    public Optional<SessionView> find(String sessionId) throws IOException {
        if (!SessionIds.isValid(sessionId)) {
            return Optional.empty();
        }
        Path directory = root.resolve(sessionId);
        Optional<SessionRecord> session = read(directory.resolve("session.json"), SessionRecord.class);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        List<RoundRecord> rounds = new ArrayList<>();
        Map<Integer, ChoiceRecord> choices = new HashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                Matcher round = ROUND_FILE.matcher(name);
                Matcher choice = CHOICE_FILE.matcher(name);
                if (round.matches()) {
                    read(file, RoundRecord.class).ifPresent(rounds::add);
                } else if (choice.matches()) {
                    read(file, ChoiceRecord.class).ifPresent(record -> choices.put(record.round(), record));
                }
            }
        }
        rounds.sort(java.util.Comparator.comparingInt(RoundRecord::round));
        return Optional.of(new SessionView(session.get(), rounds, choices));
    }

    /**
     * The open sessions {@code include} accepts, most recently active first, at most {@code limit}: a session is open
     * when it has at least one stored round and no approved round ({@link SessionView#approved()}). It is the
     * worklist query of the candidate picker; a ledger in a database answers it with one indexed query (not
     * approved, ordered by the time of the latest round or choice), filtering with {@code include} as it pages.
     *
     * <p>On files, "most recently active" is the modification time of the session's directory, which changes when a
     * round or a choice is recorded in it; every session directory is listed once and sessions are read newest first
     * until {@code limit} are found, so the cost grows with the sessions kept under the root, not with the answer.
     *
     * @param include which sessions the caller may see (e.g. the caller's own and unclaimed ones)
     * @param limit   at most this many, at least 1
     * @throws IOException when the ledger's storage cannot be read
     */
    public List<SessionView> openSessions(Predicate<SessionView> include, int limit)
            throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Map.Entry<Path, FileTime>> directories = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (SessionIds.isValid(name) && Files.isDirectory(entry)) {
                    try {
                        directories.add(Map.entry(entry, Files.getLastModifiedTime(entry)));
                    } catch (NoSuchFileException gone) {
                        // Removed while listing: not a session any more.
                    }
                }
            }
        }
        directories.sort(Map.Entry.<Path, FileTime>comparingByValue().reversed()
                .thenComparing(entry -> entry.getKey().getFileName().toString()));
        List<SessionView> open = new ArrayList<>();
        for (Map.Entry<Path, FileTime> directory : directories) {
            Optional<SessionView> view = find(directory.getKey().getFileName().toString());
            if (view.isPresent() && view.get().latestRound() > 0 && !view.get().approved()
                    && include.test(view.get())) {
                open.add(view.get());
                if (open.size() == limit) {
                    break;
                }
            }
        }
        return List.copyOf(open);
    }

    private Path directory(String sessionId) {
        if (!SessionIds.isValid(sessionId)) {
            throw new IllegalArgumentException("not a session id: " + sessionId);
        }
        return root.resolve(sessionId);
    }

    /** Writes {@code value} under {@code target} unless it exists; true when this call wrote it. */
    private static boolean publish(Path target, Object value) throws IOException {
        return DurableFiles.createOnce(target, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    }

    /** The record in {@code file}; empty when there is none, or when it is torn (then it is set aside). */
    private <T> Optional<T> read(Path file, Class<T> type) throws IOException {
        return quarantine.read(file, type.getSimpleName(), content -> JSON.readValue(content, type));
    }
}
