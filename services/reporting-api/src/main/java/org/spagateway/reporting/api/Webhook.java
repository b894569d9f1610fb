package org.spagateway.reporting.api;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A reporting system's endpoint that is told about candidate sets and approvals.
 *
 * @param name    the configured name (logs and dead letters use it, never the URL, which may carry credentials)
 * @param url     where the CloudEvent is POSTed
 * @param secrets the Standard Webhooks secrets it is signed with ({@link WebhookSignature}): one, or two while one is
 *                rotated
 */
public record Webhook(String name, URI url, List<String> secrets) {

    public Webhook {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        secrets = List.copyOf(secrets);
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("is required: deliveries are always signed (echo whsec_$(openssl rand"
                    + " -base64 32))");
        }
        secrets.forEach(WebhookSignature::key);
    }

    /** The key bytes of the secrets, in order. */
    List<byte[]> keys() {
        return secrets.stream().map(WebhookSignature::key).toList();
    }

    /** Never prints the URL or the secrets. */
    @Override
    public String toString() {
        return name;
    }
}
