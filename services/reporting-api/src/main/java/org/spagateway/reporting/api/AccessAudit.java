package org.spagateway.reporting.api;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.RecordsAccessed;
import org.spagateway.events.Topic;
import org.spagateway.kafka.support.EventPublisher;
import org.spagateway.sessions.SessionIds;
import org.spagateway.sessions.SessionView;

/**
 * Records every read and query of session records on {@code spa.audit.access} before the answer leaves (IHE BALP:
 * "who accessed these records"): a {@link RecordsAccessed} per request, refused ones included, under the verified
 * subject; in development mode under the {@value #USER_HEADER} header's user, else the client's configured name.
 * When the record cannot be published the caller gets 503 and no data ({@link EventPublisher} throws).
 */
final class AccessAudit {

    static final String API = "choice-api";
    static final String USER_HEADER = "X-Spa-User";
    static final String READ = "READ";
    static final String QUERY = "QUERY";
    private static final Pattern USER = Pattern.compile("[^\\p{Cntrl}]{1,128}");
    private static final int MAX_AUDIT_PATH = 512;

    private final EventPublisher publisher;
    private final String clientName;
    private final Clock clock;

    AccessAudit(EventPublisher publisher, String clientName, Clock clock) {
        this.publisher = publisher;
        this.clientName = clientName;
        this.clock = clock;
    }

    /** The verified subject; in development mode the {@value #USER_HEADER} header, else the client's name. */
    Optional<String> user(ApiRequest request, Caller caller) {
        if (caller.verified()) {
            String subject = caller.subject().replaceAll("\\p{Cntrl}", "?");
            return Optional.of(subject.length() <= 128 ? subject : subject.substring(0, 128));
        }
        Optional<String> header = request.header(USER_HEADER);
        if (header.isEmpty()) {
            return Optional.of(clientName);
        }
        return header.filter(value -> USER.matcher(value).matches());
    }

    static ApiResponse invalidUser() {
        return ApiResponse.error(400, "INVALID_USER", USER_HEADER + " must be 1-128 characters without control"
                + " characters");
    }

    /**
     * Publishes the access record of one request.
     *
     * @param action    {@value #READ} (one session's records) or {@value #QUERY} (a search, no session)
     * @param sessionId the session named in the path, null for a query
     * @param found     the session when it exists
     * @param status    the status the answer has
     * @throws org.spagateway.kafka.support.EventPublishException the record was not acknowledged
     */
    void record(ApiRequest request, String user, String action, String sessionId, Optional<SessionView> found,
                int status) {
        boolean validId = SessionIds.isValid(sessionId);
        String path = request.path().length() <= MAX_AUDIT_PATH ? request.path()
                : request.path().substring(0, MAX_AUDIT_PATH);
        RecordsAccessed access = new RecordsAccessed(API, action, path, validId ? sessionId : null,
                found.map(view -> view.session().studyInstanceUid()).orElse(null), user,
                request.clientAddress(), status,
                found.map(view -> view.session().patientPseudonym()).orElse(null));
        String subject = validId ? sessionId : path;
        EventEnvelope<RecordsAccessed> event = EventEnvelope.of(EventType.RECORDS_ACCESSED, ChoiceResource.SOURCE,
                subject, found.map(view -> view.session().correlationId()).orElse(subject), clock.instant(), access);
        publisher.publish(Topic.AUDIT_ACCESS, event);
    }
}
