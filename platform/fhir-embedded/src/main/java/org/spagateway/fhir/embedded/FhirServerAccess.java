package org.spagateway.fhir.embedded;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may do what on the embedded FHIR server. With no token configured (the all-in-one on loopback) every local
 * caller may read and write; with tokens, a request must carry one as {@code Authorization: Bearer <token>}: the
 * writer's (the FHIR adapter) may read and write, the auditor's may only read. Either way nobody may delete anything
 * or update or patch an AuditEvent or a Provenance: the audit trail is append-only ({@link FhirAccessInterceptor}).
 *
 * @param writerToken  the FHIR adapter's token, empty when open
 * @param auditorToken the auditors' token, empty when there is none
 */
public record FhirServerAccess(Optional<String> writerToken, Optional<String> auditorToken) {

    /** The shortest token accepted: a shorter one can be guessed. */
    public static final int MIN_TOKEN_LENGTH = 24;
    /** No token: every local caller reads and writes (the server binds 127.0.0.1 only). */
    public static final FhirServerAccess OPEN = new FhirServerAccess(Optional.empty(), Optional.empty());

    /** What a caller may do. */
    public enum Role { WRITER, AUDITOR, NONE }

    public FhirServerAccess {
        writerToken.ifPresent(FhirServerAccess::requireStrong);
        auditorToken.ifPresent(FhirServerAccess::requireStrong);
        if (writerToken.isEmpty() && auditorToken.isPresent()) {
            throw new IllegalArgumentException("an auditor token needs a writer token too: the adapter must write");
        }
    }

    public boolean open() {
        return writerToken.isEmpty();
    }

    /** The role of a request's {@code Authorization} header value (null when absent); tokens compared in constant time. */
    public Role roleOf(String authorization) {
        if (open()) {
            return Role.WRITER;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Role.NONE;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (matches(writerToken, given)) {
            return Role.WRITER;
        }
        return matches(auditorToken, given) ? Role.AUDITOR : Role.NONE;
    }

    private static boolean matches(Optional<String> token, byte[] given) {
        return token.isPresent() && MessageDigest.isEqual(token.get().getBytes(StandardCharsets.UTF_8), given);
    }

    private static void requireStrong(String token) {
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("a token must have at least " + MIN_TOKEN_LENGTH + " characters");
        }
    }

    /** Never prints a token. */
    @Override
    public String toString() {
        return open() ? "open (loopback)" : "tokens (writer" + (auditorToken.isPresent() ? ", auditor)" : ")");
    }
}
