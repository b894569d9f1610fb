package org.spagateway.fhir.adapter;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and as whom the FHIR adapter asks for OAuth 2.0 client-credentials tokens ({@link ClientCredentialsToken}).
 *
 * @param tokenUrl     the authorisation server's token endpoint
 * @param clientId     the adapter's client id
 * @param clientSecret its secret (never printed)
 * @param scope        the scope to ask for, e.g. {@code system/AuditEvent.c}; empty: the server's default
 */
public record OAuth2ClientCredentials(URI tokenUrl, String clientId, String clientSecret, Optional<String> scope) {

    public OAuth2ClientCredentials {
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(scope, "scope");
    }

    @Override
    public String toString() {
        return "OAuth2ClientCredentials[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", scope="
                + scope.orElse("(default)") + "]";
    }
}
