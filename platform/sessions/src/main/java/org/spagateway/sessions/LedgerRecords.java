package org.spagateway.sessions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's records as stored: JSON text in the {@code record} column (unknown fields ignored, so a record written
 * by a newer version still reads), and the queries that read them back as {@code (session_id, record)} rows, grouped
 * by session.
 */
final class LedgerRecords {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private LedgerRecords() {
    }

    static String json(Object record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + record.getClass().getSimpleName(), e);
        }
    }

    /** A stored record that cannot be read is damage in the database, not a database that is down: permanent. */
    static <T> T parse(String json, Class<T> type, String sessionId) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("session ledger: the stored " + type.getSimpleName() + " of session "
                    + sessionId + " is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    /** Sessions by id, in the query's order. */
    static Map<String, SessionRecord> sessions(Connection connection, String sql, String... parameters)
            throws SQLException {
        Map<String, SessionRecord> sessions = new LinkedHashMap<>();
        query(connection, sql, parameters, (sessionId, record) ->
                sessions.put(sessionId, parse(record, SessionRecord.class, sessionId)));
        return sessions;
    }

    /** Rounds by session, each list in the query's order. */
    static Map<String, List<RoundRecord>> rounds(Connection connection, String sql, String... parameters)
            throws SQLException {
        Map<String, List<RoundRecord>> rounds = new HashMap<>();
        query(connection, sql, parameters, (sessionId, record) -> rounds.computeIfAbsent(sessionId,
                id -> new ArrayList<>()).add(parse(record, RoundRecord.class, sessionId)));
        return rounds;
    }

    /** Choices by session and round. */
    static Map<String, Map<Integer, ChoiceRecord>> choices(Connection connection, String sql, String... parameters)
            throws SQLException {
        Map<String, Map<Integer, ChoiceRecord>> choices = new HashMap<>();
        query(connection, sql, parameters, (sessionId, record) -> {
            ChoiceRecord choice = parse(record, ChoiceRecord.class, sessionId);
            choices.computeIfAbsent(sessionId, id -> new HashMap<>()).put(choice.round(), choice);
        });
        return choices;
    }

    private static void query(Connection connection, String sql, String[] parameters, RowReader reader)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    reader.read(result.getString(1), result.getString(2));
                }
            }
        }
    }

    @FunctionalInterface
    private interface RowReader {
        void read(String sessionId, String record);
    }
}
