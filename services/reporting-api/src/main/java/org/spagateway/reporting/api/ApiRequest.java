package org.spagateway.reporting.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request to the choice API, independent of the HTTP server.
 *
 * @param method        the HTTP method
 * @param path          the decoded path, without the query string
 * @param query         the raw query string without {@code ?}, empty when there is none
 * @param headers       header values by lower-case name (the first value of a repeated header)
 * @param body          the body, empty when there is none
 * @param clientAddress the caller's address
 */
public record ApiRequest(String method, String path, String query, Map<String, String> headers, byte[] body,
                         String clientAddress) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? "" : query;
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
        clientAddress = clientAddress == null || clientAddress.isEmpty() ? "unknown" : clientAddress;
    }

    /** A request without a query string. */
    public ApiRequest(String method, String path, Map<String, String> headers, byte[] body, String clientAddress) {
        this(method, path, "", headers, body, clientAddress);
    }

    /**
     * The first value of query parameter {@code name}, percent-decoded (UTF-8); empty when absent.
     */
    public Optional<String> parameter(String name) {
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (decode(key).equals(name)) {
                return Optional.of(equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return Optional.empty();
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
