package org.spagateway.reporting.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The choice API's answer to one request: a status, extra headers and a JSON body.
 *
 * @param status  the HTTP status
 * @param code    what the answer means in one word: {@code ACCEPTED}, {@code ALREADY_APPLIED}, a rejection or error
 *                code; for the log and the access audit, never sent as a header
 * @param headers extra response headers (e.g. {@code Retry-After}); Content-Type is always application/json
 * @param body    the JSON body
 */
public record ApiResponse(int status, String code, Map<String, String> headers, byte[] body) {

    public ApiResponse {
        Objects.requireNonNull(code, "code");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    public static ApiResponse json(int status, String code, Object body) {
        return new ApiResponse(status, code, Map.of(), ApiJson.write(body));
    }

    public static ApiResponse error(int status, String code, String message) {
        return json(status, code, new Error(code, message, null));
    }

    public static ApiResponse error(int status, String code, String message, List<String> problems) {
        return json(status, code, new Error(code, message, problems));
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, code, more, body);
    }

    /**
     * The body of every error answer.
     *
     * @param code     machine-readable, e.g. {@code STALE_ROUND}
     * @param message  a sentence for the reporting system's log (no patient data)
     * @param problems the schema validator's findings, for {@code SCHEMA_INVALID}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String code, String message, List<String> problems) {
    }
}
