package org.spagateway.fhir.adapter;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * OAuth 2.0 client credentials (RFC 6749 section 4.4) for the FHIR client: a bearer token from the authorisation
 * server's token endpoint (client authenticated with HTTP Basic, section 2.3.1), kept until shortly before it expires
 * and then fetched again, sent with every FHIR request. A token endpoint that cannot be reached or refuses is reported
 * as the FHIR server being unavailable, so records wait rather than being dead-lettered.
 */
final class ClientCredentialsToken implements IClientInterceptor {

    /** A token is renewed this long before the expiry the server announced. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(30);
    /** When the server announces no expiry ({@code expires_in} is optional). */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OAuth2ClientCredentials settings;
    private final HttpClient http;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    ClientCredentialsToken(OAuth2ClientCredentials settings, Optional<SSLContext> tls, Duration timeout, Clock clock) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        tls.ifPresent(builder::sslContext);
        this.http = builder.build();
        this.clock = clock;
    }

    @Override
    public void interceptRequest(IHttpRequest request) {
        request.addHeader("Authorization", "Bearer " + current());
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // Nothing: a 401 is waited for like any unavailability, and the token is renewed on schedule.
    }

    /** The token to send now, fetched when there is none or it is about to expire. */
    synchronized String current() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            fetch(now);
        }
        return token;
    }

    private void fetch(Instant now) {
        String form = "grant_type=client_credentials"
                + settings.scope().map(scope -> "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)).orElse("");
        String basic = Base64.getEncoder().encodeToString((encode(settings.clientId()) + ":"
                + encode(settings.clientSecret())).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(settings.tokenUrl())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FhirClientConnectionException("the OAuth2 token endpoint cannot be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FhirClientConnectionException("interrupted while fetching an OAuth2 token");
        }
        if (response.statusCode() != 200) {
            // RFC 6749 5.2: error and error_description say why; never the secret.
            throw new FhirClientConnectionException("the OAuth2 token endpoint answered HTTP " + response.statusCode()
                    + " " + errorOf(response.body()));
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new FhirClientConnectionException("the OAuth2 token endpoint answered no JSON");
        }
        if (!body.path("access_token").isTextual() || !"bearer".equalsIgnoreCase(body.path("token_type").asText())) {
            throw new FhirClientConnectionException("the OAuth2 token endpoint answered no bearer access_token");
        }
        token = body.get("access_token").asText();
        Duration lifetime = body.path("expires_in").canConvertToLong()
                ? Duration.ofSeconds(body.get("expires_in").asLong()) : DEFAULT_LIFETIME;
        Duration early = lifetime.compareTo(RENEW_BEFORE.multipliedBy(2)) > 0 ? RENEW_BEFORE : lifetime.dividedBy(2);
        renewAt = now.plus(lifetime).minus(early);
    }

    private static String errorOf(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            String text = error.path("error").asText("") + " " + error.path("error_description").asText("");
            return text.replaceAll("\\p{Cntrl}", "?").trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** RFC 6749 2.3.1: client id and secret are form-encoded before Basic authentication. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
