package org.spagateway.reporting.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Development mode ({@code spa.choices.auth.mode=static-token}, loopback only): one shared bearer token, or none;
 * the caller is the configured client and the body names the clinician.
 */
final class StaticTokenAuthenticator implements CallerAuthenticator {

    private final Optional<byte[]> expected;
    private final String clientName;

    StaticTokenAuthenticator(Optional<String> token, String clientName) {
        this.expected = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
        this.clientName = clientName;
    }

    /** Constant-time comparison, so the token cannot be guessed from response times. */
    @Override
    public Caller authenticate(Optional<String> authorization) throws InvalidBearerTokenException {
        if (expected.isPresent() && !MessageDigest.isEqual(
                authorization.orElse("").getBytes(StandardCharsets.UTF_8), expected.get())) {
            throw new InvalidBearerTokenException(authorization.isPresent(), "a valid bearer token is required");
        }
        return Caller.unverified(clientName);
    }
}
