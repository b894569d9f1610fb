package org.spagateway.reporting.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.spagateway.events.Clinician;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.Topic;
import org.spagateway.sessions.ChoiceRejection;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionView;
import org.spagateway.kafka.support.EventPublisher;

/**
 * {@code GET /sessions/{sessionId}} (the session summary, each read recorded for the access audit under the verified
 * subject, refused reads included) and {@code POST /sessions} (a new session on the same image, owned by the
 * verified clinician). Who may do which is {@link SessionAccessPolicy}'s; in development mode the audit names the
 * {@value #USER_HEADER} header's user, which a verified caller's request cannot set.
 */
final class SessionResource {

    static final String API = AccessAudit.API;
    static final String USER_HEADER = AccessAudit.USER_HEADER;
    static final String STARTED = "SESSION_REQUESTED";
    static final String SESSION_START_SCHEMA = "https://spa-gateway.org/choice-api/session-start.schema.json";

    private final SessionLedger ledger;
    private final InteractiveRequestMapper requests;
    private final EventPublisher publisher;
    private final AccessAudit audit;
    private final JsonSchema sessionStart;
    private final SessionAccessPolicy policy = new SessionAccessPolicy();

    SessionResource(SessionLedger ledger, InteractiveRequestMapper requests, EventPublisher publisher,
                    String clientName, Clock clock) {
        this.ledger = ledger;
        this.requests = requests;
        this.publisher = publisher;
        this.audit = new AccessAudit(publisher, clientName, clock);
        // As EventCodec does: the shared definitions resolve from the classpath, never the network.
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers
                        .mapPrefix(EventCodec.SCHEMA_BASE_URI, "classpath:schemas/")
                        .mapPrefix("https://spa-gateway.org/choice-api/", "classpath:choice-api/")));
        this.sessionStart = factory.getSchema(SchemaLocation.of(SESSION_START_SCHEMA),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }

    /**
     * Reads a session and records the read on {@code spa.audit.access} before answering: no summary leaves without
     * its audit record (if the record cannot be published the caller gets 503 and no data).
     *
     * @throws IOException           the ledger is unavailable
     * @throws EventPublishException the access record was not acknowledged
     */
    ApiResponse read(ApiRequest request, String sessionId, Caller caller) throws IOException {
        Optional<String> user = audit.user(request, caller);
        if (user.isEmpty()) {
            return AccessAudit.invalidUser();
        }
        Optional<SessionAccessPolicy.Refusal> refusal = policy.mayReadAny(caller);
        Optional<SessionView> found = refusal.isPresent() ? Optional.empty() : ledger.find(sessionId);
        if (refusal.isEmpty() && found.isPresent()) {
            refusal = policy.mayView(caller, found.get());
        }
        int status = refusal.isPresent() ? refusal.get().rejection().httpStatus()
                : found.isPresent() ? 200 : ChoiceRejection.UNKNOWN_SESSION.httpStatus();
        audit.record(request, user.get(), AccessAudit.READ, sessionId, found, status);
        if (refusal.isPresent()) {
            return ApiResponse.error(status, refusal.get().rejection().name(), refusal.get().message());
        }
        if (found.isEmpty()) {
            return ApiResponse.error(status, ChoiceRejection.UNKNOWN_SESSION.name(), "no session " + sessionId);
        }
        return ApiResponse.json(200, "OK", SessionSummary.of(found.get()));
    }

    /**
     * Requests the first round of a new session for the clinician on the image of {@code fromSession}. Repeating
     * the call requests the same session again (the request id is name-based), which the worker deduplicates.
     *
     * @throws IOException           the ledger is unavailable
     * @throws EventPublishException the request was not acknowledged
     */
    ApiResponse start(ApiRequest request, Caller caller) throws IOException {
        Optional<JsonNode> body = ApiJson.read(request.body());
        if (body.isEmpty()) {
            return ApiResponse.error(ChoiceRejection.MALFORMED_JSON.httpStatus(), ChoiceRejection.MALFORMED_JSON.name(),
                    "the body is not one JSON value");
        }
        List<String> problems = sessionStart.validate(body.get()).stream().map(ValidationMessage::getMessage)
                .sorted().toList();
        if (!problems.isEmpty()) {
            return ApiResponse.error(ChoiceRejection.SCHEMA_INVALID.httpStatus(), ChoiceRejection.SCHEMA_INVALID.name(),
                    "the body does not satisfy the session start schema", problems);
        }
        String fromSession = body.get().get("fromSession").asText();
        Clinician clinician;
        try {
            clinician = ApiJson.MAPPER.treeToValue(body.get().get("clinician"), Clinician.class);
        } catch (JsonProcessingException e) {
            return ApiResponse.error(ChoiceRejection.SCHEMA_INVALID.httpStatus(), ChoiceRejection.SCHEMA_INVALID.name(),
                    "the clinician does not map onto Clinician", List.of(e.getOriginalMessage()));
        }
        Optional<SessionAccessPolicy.Refusal> refusal = policy.mayStart(caller, clinician);
        if (refusal.isPresent()) {
            return ApiResponse.error(refusal.get().rejection().httpStatus(), refusal.get().rejection().name(),
                    refusal.get().message());
        }
        if (caller.verified()) {
            clinician = SessionAccessPolicy.acting(caller, clinician);
        }
        Optional<SessionView> from = ledger.find(fromSession);
        if (from.isEmpty()) {
            return ApiResponse.error(ChoiceRejection.UNKNOWN_SESSION.httpStatus(),
                    ChoiceRejection.UNKNOWN_SESSION.name(), "no session " + fromSession);
        }
        EventEnvelope<InferenceRequested> event = requests.clinicianSession(from.get().session(), clinician);
        publisher.publish(Topic.INFERENCE_INTERACTIVE, event);
        return ApiResponse.json(202, STARTED, new SessionRequested(
                InteractiveRequestMapper.startedSessionId(event), event.data().requestId(), fromSession));
    }

    /**
     * The body of 202 on {@code POST /sessions}.
     *
     * @param sessionId   the session the worker will start (its CandidatesReady carries this id)
     * @param requestId   the first-round request published for it
     * @param fromSession the session whose image it segments
     */
    record SessionRequested(String sessionId, String requestId, String fromSession) {
    }
}
