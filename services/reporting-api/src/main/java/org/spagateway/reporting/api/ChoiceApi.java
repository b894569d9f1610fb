package org.spagateway.reporting.api;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.events.EventCodec;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.kafka.support.EventPublisher;
import org.spagateway.kafka.support.EventPublishException;

/**
 * The choice API without an HTTP server: authentication, content negotiation, dispatch to the resources and the
 * translation of failures to statuses. {@link ChoiceApiServer} only carries requests in and answers out.
 *
 * <p>Authentication: the {@link CallerAuthenticator} turns the {@code Authorization} header into the acting
 * {@link Caller} (a verified bearer JWT, or the development mode's shared token); a refusal is 401 with the RFC 6750
 * challenge, given before the body is read. What the caller may do is {@link SessionAccessPolicy}'s; its 403 answers
 * carry the {@code insufficient_scope} challenge. Tokens are never logged.
 *
 * <p>Failure policy: an unavailable ledger or an unacknowledged Kafka publish is retriable and answered
 * {@value #RETRY_STATUS} with {@code Retry-After}; the reporting system repeats the same request, which the choice
 * ingress recognises as a repeat. A defect is answered 500 and logged. Request bodies are never logged: they name
 * clinicians.
 */
public final class ChoiceApi {

    /** Every operation served, as {@code METHOD path-template}: docs/choice-api.yaml must document each. */
    public static final List<String> OPERATIONS = List.of("GET /health", "POST /choices", "POST /sessions",
            "GET /sessions/{sessionId}", "GET /sessions", "GET /sessions/{sessionId}/source.png",
            "GET /sessions/{sessionId}/rounds/{round}",
            "GET /sessions/{sessionId}/rounds/{round}/segments/{segmentNumber}.png", "GET /events", "GET /picker",
            "GET /picker/", "GET /picker/{asset}");
    static final String EVENTS = "/events";
    private static final Pattern SOURCE = Pattern.compile("/sessions/([^/]+)/source\\.png");
    private static final Pattern ROUND = Pattern.compile("/sessions/([^/]+)/rounds/(\\d{1,6})");
    private static final Pattern SEGMENT = Pattern.compile(
            "/sessions/([^/]+)/rounds/(\\d{1,6})/segments/(\\d{1,4})\\.png");
    static final int RETRY_STATUS = 503;
    static final String RETRY_AFTER_SECONDS = "5";
    private static final String SESSIONS_PREFIX = "/sessions/";
    private static final String REALM = "spa-gateway";
    private static final Logger LOG = LoggerFactory.getLogger(ChoiceApi.class);

    private final CallerAuthenticator authenticator;
    private final ChoiceResource choices;
    private final SessionResource sessions;
    private final WorklistResource worklist;
    private final RoundImageResource images;
    private final PickerAssets assets = new PickerAssets();
    private final SessionAccessPolicy policy = new SessionAccessPolicy();
    private final SessionLedger ledger;
    private final InteractiveBacklog backlog;
    private final int maxBacklog;

    /** @param backlog the requests waiting on the interactive lane ({@link InteractiveBacklog#UNKNOWN}: no limit) */
    ChoiceApi(ChoiceApiConfig config, CallerAuthenticator authenticator, ChoiceIngress ingress, SessionLedger ledger,
              InteractiveRequestMapper requests, EventPublisher publisher, EventCodec codec, Clock clock,
              InteractiveBacklog backlog) {
        this(config, authenticator, ingress, ledger, requests, publisher, codec, clock, backlog,
                new LedgerDicomObjectSource(ledger.artifacts(), new FileDicomObjectSource()));
    }

    /** @param objects where the picker reads the sessions' source instances and SEGs from */
    ChoiceApi(ChoiceApiConfig config, CallerAuthenticator authenticator, ChoiceIngress ingress, SessionLedger ledger,
              InteractiveRequestMapper requests, EventPublisher publisher, EventCodec codec, Clock clock,
              InteractiveBacklog backlog, DicomObjectSource objects) {
        this.authenticator = authenticator;
        this.choices = new ChoiceResource(ingress, codec, clock);
        this.sessions = new SessionResource(ledger, requests, publisher, config.clientName(), clock);
        AccessAudit audit = new AccessAudit(publisher, config.clientName(), clock);
        this.worklist = new WorklistResource(ledger, audit);
        this.images = new RoundImageResource(ledger, objects, audit);
        this.ledger = ledger;
        this.backlog = backlog;
        this.maxBacklog = config.maxInteractiveBacklog();
    }

    /** 429 while the interactive lane holds {@code spa.choices.max-interactive-backlog} requests or more. */
    private Optional<ApiResponse> busy() {
        if (maxBacklog == 0) {
            return Optional.empty();
        }
        OptionalLong waiting = backlog.waiting();
        if (waiting.isEmpty() || waiting.getAsLong() < maxBacklog) {
            return Optional.empty();
        }
        return Optional.of(ApiResponse.error(429, "BUSY", waiting.getAsLong() + " interactive requests wait for the"
                + " workers; send it again after Retry-After seconds").withHeader("Retry-After", RETRY_AFTER_SECONDS));
    }

    /** Ready when the ledger the choices are recorded in can be written now. */
    private ApiResponse health() {
        try {
            ledger.probeWritable();
            return ApiResponse.json(200, "UP", Map.of("status", "UP"));
        } catch (IOException e) {
            LOG.warn("Health: the session ledger is not writable: {}", e.toString());
            return ApiResponse.json(503, "DOWN", Map.of("status", "DOWN",
                    "detail", "the session ledger is not writable"));
        }
    }

    /**
     * The answer to a request that can be given from its method, path and headers alone, before any body byte is
     * read: 401 without a valid credential (except {@code GET /health}). A client that is not allowed in never gets
     * a thread to wait for its body.
     *
     * @param headers lower-case names
     */
    public Optional<ApiResponse> beforeBody(String method, String path, Map<String, String> headers) {
        if (path.equals("/health") || isPicker(path)) {
            return Optional.empty();
        }
        try {
            authenticator.authenticate(Optional.ofNullable(headers.get("authorization")));
            return Optional.empty();
        } catch (InvalidBearerTokenException e) {
            return Optional.of(unauthorised(e));
        }
    }

    /** The page's own files, served without a token: they hold no data. */
    static boolean isPicker(String path) {
        return path.equals("/picker") || path.startsWith(PickerAssets.PREFIX);
    }

    /**
     * Who may open {@code GET /events}, or the answer refusing it: 401 without a valid credential, 403 for a
     * verified caller with none of the roles (the stream then carries only the sessions the caller may view).
     */
    EventStreamAdmission admitEventStream(ApiRequest request) {
        Caller caller;
        try {
            caller = authenticator.authenticate(request.header("Authorization"));
        } catch (InvalidBearerTokenException e) {
            return EventStreamAdmission.refused(unauthorised(e));
        }
        if (!request.method().equals("GET")) {
            return EventStreamAdmission.refused(notAllowed("GET"));
        }
        Optional<SessionAccessPolicy.Refusal> refusal = policy.mayReadAny(caller);
        if (refusal.isPresent()) {
            return EventStreamAdmission.refused(insufficientScope(caller, ApiResponse.error(
                    refusal.get().rejection().httpStatus(), refusal.get().rejection().name(),
                    refusal.get().message())));
        }
        return EventStreamAdmission.admitted(caller);
    }

    /** 503 when an edge has as many event streams open as it allows. */
    static ApiResponse tooManyStreams(int max) {
        return ApiResponse.error(RETRY_STATUS, "TOO_MANY_STREAMS", max + " event streams are open on this gateway;"
                + " try again later").withHeader("Retry-After", RETRY_AFTER_SECONDS);
    }

    public ApiResponse handle(ApiRequest request) {
        ApiResponse response;
        try {
            response = dispatch(request);
        } catch (EventPublishException e) {
            LOG.warn("{} {}: Kafka did not acknowledge ({}); answering {}", request.method(),
                    printable(request.path()), e.getCause() == null ? e.getMessage() : e.getCause().toString(),
                    RETRY_STATUS);
            response = ApiResponse.error(RETRY_STATUS, "PUBLISH_FAILED", "the event backbone did not acknowledge;"
                    + " repeat the same request later").withHeader("Retry-After", RETRY_AFTER_SECONDS);
        } catch (IOException e) {
            LOG.warn("{} {}: session ledger unavailable ({}); answering {}", request.method(),
                    printable(request.path()), e.toString(), RETRY_STATUS);
            response = ApiResponse.error(RETRY_STATUS, "LEDGER_UNAVAILABLE", "the session ledger is unavailable;"
                    + " repeat the same request later").withHeader("Retry-After", RETRY_AFTER_SECONDS);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.method(), printable(request.path()), e);
            response = ApiResponse.error(500, "INTERNAL_ERROR", "the request failed; see the gateway's log");
        }
        if (!request.path().equals("/health")) {
            LOG.info("{} {} from {}: {} {}", request.method(), printable(request.path()), request.clientAddress(),
                    response.status(), response.code());
        }
        return response;
    }

    /** A decoded path may carry control characters; they must not forge log lines. */
    private static String printable(String path) {
        return path.replaceAll("\\p{Cntrl}", "?");
    }

    private ApiResponse dispatch(ApiRequest request) throws IOException {
        String path = request.path();
        String method = request.method();
        if (path.equals("/health")) {
            return method.equals("GET") ? health() : notAllowed("GET");
        }
        if (isPicker(path)) {
            if (!method.equals("GET")) {
                return PickerAssets.withSecurityHeaders(notAllowed("GET"));
            }
            return path.equals("/picker") ? assets.redirect() : assets.serve(request);
        }
        Caller caller;
        try {
            caller = authenticator.authenticate(request.header("Authorization"));
        } catch (InvalidBearerTokenException e) {
            return unauthorised(e);
        }
        return insufficientScope(caller, dispatch(request, caller));
    }

    private ApiResponse dispatch(ApiRequest request, Caller caller) throws IOException {
        String path = request.path();
        String method = request.method();
        if (path.equals("/sessions") && method.equals("GET")) {
            return worklist.list(request, caller);
        }
        if (path.equals("/choices") || path.equals("/sessions")) {
            if (!method.equals("POST")) {
                if (path.equals("/sessions")) {
                    return notAllowed("GET, POST");
                }
                return notAllowed("POST");
            }
            Optional<ApiResponse> unsupported = unsupportedMediaType(request);
            if (unsupported.isPresent()) {
                return unsupported.get();
            }
            Optional<ApiResponse> busy = busy();
            if (busy.isPresent()) {
                return busy.get();
            }
            return path.equals("/choices") ? choices.post(request, caller) : sessions.start(request, caller);
        }
        if (path.startsWith(SESSIONS_PREFIX) && path.length() > SESSIONS_PREFIX.length()
                && path.indexOf('/', SESSIONS_PREFIX.length()) < 0) {
            return method.equals("GET") ? sessions.read(request, path.substring(SESSIONS_PREFIX.length()), caller)
                    : notAllowed("GET");
        }
        return pickerRead(request, caller);
    }

    /** The picker's reads of a session: its source image, a round, a segment's mask. */
    private ApiResponse pickerRead(ApiRequest request, Caller caller) throws IOException {
        String path = request.path();
        Matcher source = SOURCE.matcher(path);
        Matcher round = ROUND.matcher(path);
        Matcher segment = SEGMENT.matcher(path);
        boolean known = source.matches() || round.matches() || segment.matches();
        if (!known) {
            return ApiResponse.error(404, "NOT_FOUND", "no such resource; see docs/choice-api.yaml");
        }
        if (!request.method().equals("GET")) {
            return notAllowed("GET");
        }
        if (source.matches()) {
            return images.source(request, source.group(1), caller);
        }
        if (round.matches()) {
            return images.round(request, round.group(1), Integer.parseInt(round.group(2)), caller);
        }
        return images.segment(request, segment.group(1), Integer.parseInt(segment.group(2)),
                Integer.parseInt(segment.group(3)), caller);
    }

    /**
     * 401 with the RFC 6750 section 3 challenge: {@code invalid_token} and why, or no error code when no credential
     * was presented at all (section 3.1).
     */
    private static ApiResponse unauthorised(InvalidBearerTokenException e) {
        String challenge = "Bearer realm=\"" + REALM + "\"" + (e.presented()
                ? ", error=\"invalid_token\", error_description=\"" + quotable(e.getMessage()) + "\"" : "");
        return ApiResponse.error(401, "UNAUTHORIZED", e.getMessage()).withHeader("WWW-Authenticate", challenge);
    }

    /** 403 to a verified caller: the RFC 6750 {@code insufficient_scope} challenge names the refusal. */
    private static ApiResponse insufficientScope(Caller caller, ApiResponse response) {
        if (!caller.verified() || response.status() != 403) {
            return response;
        }
        return response.withHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\","
                + " error_description=\"" + quotable(response.code()) + "\"");
    }

    /** RFC 6750 section 3: error_description is %x20-21 / %x23-5B / %x5D-7E. */
    private static String quotable(String text) {
        String value = text == null ? "" : text.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "'");
        return value.length() <= 200 ? value : value.substring(0, 200);
    }

    /** 415 unless the body is declared JSON (UTF-8, the only charset RFC 8259 allows between systems). */
    private static Optional<ApiResponse> unsupportedMediaType(ApiRequest request) {
        String contentType = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT).replace(" ", "");
        String[] parts = contentType.split(";");
        boolean json = parts[0].equals("application/json");
        for (int i = 1; i < parts.length && json; i++) {
            if (parts[i].startsWith("charset=")) {
                json = parts[i].equals("charset=utf-8") || parts[i].equals("charset=\"utf-8\"");
            }
        }
        return json ? Optional.empty() : Optional.of(ApiResponse.error(415, "UNSUPPORTED_MEDIA_TYPE",
                "the body must be Content-Type application/json (UTF-8)"));
    }

    private static ApiResponse notAllowed(String allowed) {
        return ApiResponse.error(405, "METHOD_NOT_ALLOWED", "allowed: " + allowed).withHeader("Allow", allowed);
    }
}
