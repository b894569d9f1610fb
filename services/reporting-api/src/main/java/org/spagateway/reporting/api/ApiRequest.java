package org.spagateway.reporting.api;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request to the choice API, independent of the HTTP server.
 *
 * @param method        the HTTP method
 * @param path          the decoded path, without the query string
 * @param headers       header values by lower-case name (the first value of a repeated header)
 * @param body          the body, empty when there is none
 * @param clientAddress the caller's address
 */
public record ApiRequest(String method, String path, Map<String, String> headers, byte[] body,
                         String clientAddress) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
        clientAddress = clientAddress == null || clientAddress.isEmpty() ? "unknown" : clientAddress;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
