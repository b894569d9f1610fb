package org.spagateway.reporting.api;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A reporting system's endpoint that is told about candidate sets and approvals.
 *
 * @param name   the configured name (logs and dead letters use it, never the URL, which may carry credentials)
 * @param url    where the CloudEvent is POSTed
 * @param secret the shared secret of the {@code X-Spa-Signature} HMAC; empty = unsigned
 */
public record Webhook(String name, URI url, Optional<String> secret) {

    public Webhook {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
    }

    /** Never prints the URL or the secret. */
    @Override
    public String toString() {
        return name + (secret.isPresent() ? " (signed)" : "");
    }
}
