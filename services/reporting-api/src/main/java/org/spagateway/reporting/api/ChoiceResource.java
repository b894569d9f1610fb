package org.spagateway.reporting.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.ChoiceMade;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InvalidEventException;
import org.spagateway.sessions.ChoiceRejection;
import org.spagateway.sessions.ChoiceVerdict;

/**
 * {@code POST /choices}: the body is the {@code data} of a ChoiceMade event; it becomes that event (a new id, now,
 * this API as source) and is checked against the published schema exactly as a ChoiceMade on
 * {@code spa.choice.made} would be, then handed to the {@link ChoiceIngress} with the verified caller, which must be
 * the clinician the body names (or a delegate acting for the session's owner).
 */
final class ChoiceResource {

    static final String SOURCE = "/spa-gateway/routes/choice-api";
    static final String ACCEPTED = "ACCEPTED";
    static final String ALREADY_APPLIED = "ALREADY_APPLIED";

    private final ChoiceIngress ingress;
    private final EventCodec codec;
    private final Clock clock;

    ChoiceResource(ChoiceIngress ingress, EventCodec codec, Clock clock) {
        this.ingress = ingress;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * @throws IOException           the ledger is unavailable (retriable)
     * @throws EventPublishException the next-round request was not acknowledged (retriable)
     */
    ApiResponse post(ApiRequest request, Caller caller) throws IOException {
        Optional<JsonNode> body = ApiJson.read(request.body());
        if (body.isEmpty()) {
            return ApiResponse.error(ChoiceRejection.MALFORMED_JSON.httpStatus(), ChoiceRejection.MALFORMED_JSON.name(),
                    "the body is not one JSON value");
        }
        String json = envelope(body.get());
        Set<String> problems = codec.validate(json, EventType.CHOICE_MADE);
        if (!problems.isEmpty()) {
            return schemaInvalid(problems.stream().map(ChoiceResource::relativeToBody).sorted().toList());
        }
        EventEnvelope<ChoiceMade> choice;
        try {
            choice = codec.decode(json, EventType.CHOICE_MADE);
        } catch (InvalidEventException e) {
            return schemaInvalid(List.of(e.getMessage()));
        }
        ChoiceOutcome outcome = ingress.submit(choice, caller);
        if (outcome.rejected()) {
            return ApiResponse.error(outcome.rejection().httpStatus(), outcome.rejection().name(), outcome.message());
        }
        boolean accepted = outcome.outcome() == ChoiceVerdict.Outcome.ACCEPT;
        String status = accepted ? ACCEPTED : ALREADY_APPLIED;
        return ApiResponse.json(accepted ? 202 : 200, status, new Acknowledgement(status, outcome.sessionId(),
                outcome.round(), outcome.decision(), outcome.choiceEventId(), outcome.requestId(),
                outcome.nextRound().orElse(null)));
    }

    /** The body as the {@code data} of a new ChoiceMade CloudEvent (structured mode). */
    private String envelope(JsonNode data) {
        String eventId = UUID.randomUUID().toString();
        ObjectNode event = ApiJson.MAPPER.createObjectNode();
        event.put("specversion", EventEnvelope.SPEC_VERSION);
        event.put("id", eventId);
        event.put("source", SOURCE);
        event.put("type", EventType.CHOICE_MADE.typeName());
        if (data.path("sessionId").isTextual()) {
            event.put("subject", data.path("sessionId").asText());
        }
        event.put("time", clock.instant().toString());
        event.put("datacontenttype", EventEnvelope.JSON);
        event.put("correlationid", eventId);
        event.put("schemaversion", EventType.CHOICE_MADE.schemaVersion());
        event.set("data", data);
        return new String(ApiJson.write(event), StandardCharsets.UTF_8);
    }

    private static ApiResponse schemaInvalid(List<String> problems) {
        return ApiResponse.error(ChoiceRejection.SCHEMA_INVALID.httpStatus(), ChoiceRejection.SCHEMA_INVALID.name(),
                "the body does not satisfy the ChoiceMade schema (choice-made.schema.json, $defs/choice)", problems);
    }

    /**
     * The validator names locations in the event as JSON Pointers ({@code /data/round}); the caller sent only the
     * data, so they are rewritten to point into the body ({@code /round}, {@code /} for the body itself).
     */
    static String relativeToBody(String problem) {
        if (problem.startsWith("/data/")) {
            return problem.substring("/data".length());
        }
        if (problem.startsWith("/data:")) {
            return "/" + problem.substring("/data".length());
        }
        return problem;
    }

    /**
     * The body of 202 (accepted now) and 200 (already applied).
     *
     * @param status        {@code ACCEPTED} or {@code ALREADY_APPLIED}
     * @param sessionId     the session
     * @param round         the round decided on
     * @param decision      the decision the round has
     * @param choiceEventId the recorded choice (for a repeat: the first one)
     * @param requestId     the next-round request (for APPROVE: the request that writes the final SEG)
     * @param nextRound     the round being computed; absent for APPROVE
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Acknowledgement(String status, String sessionId, int round, ChoiceDecision decision, String choiceEventId,
                           String requestId, Integer nextRound) {
    }
}
