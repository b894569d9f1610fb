package org.spagateway.reporting.api;

/**
 * A request or record without a credential the gateway accepts: none, malformed, expired, not yet valid, signed by
 * an unknown or wrong key, with another algorithm, issuer or audience. Answered 401 (RFC 6750 {@code invalid_token})
 * or dead-lettered {@code UNAUTHENTICATED}. The message never contains the token.
 */
public final class InvalidBearerTokenException extends Exception {

    private final boolean presented;

    /**
     * @param presented   whether a credential was presented at all (RFC 6750 section 3.1: without one, no error
     *                    code is sent)
     * @param description why it was refused, for {@code error_description}
     */
    public InvalidBearerTokenException(boolean presented, String description) {
        super(description);
        this.presented = presented;
    }

    public boolean presented() {
        return presented;
    }
}
