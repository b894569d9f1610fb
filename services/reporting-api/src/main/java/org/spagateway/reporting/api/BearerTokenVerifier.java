package org.spagateway.reporting.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.spagateway.events.Clinician;

/**
 * Verifies OAuth2/OIDC bearer JWTs offline with nimbus-jose-jwt: the signature against the configured JWKS with the
 * allowed asymmetric algorithms only (never {@code none}, never HMAC, so a public key cannot be used as a shared
 * secret), then issuer, audience, {@code exp}/{@code nbf} with the clock skew (RFC 7519 section 4.1), and maps the
 * claims to the acting {@link Caller}: the clinician from {@code spa.choices.jwt.clinician-claim} in
 * {@code spa.choices.jwt.clinician-system}, the roles from {@code spa.choices.jwt.roles-claim} and Keycloak's
 * {@code realm_access.roles}.
 */
public final class BearerTokenVerifier implements CallerAuthenticator, AutoCloseable {

    private static final String BEARER = "Bearer ";
    /** RFC 9068 access tokens are typed {@code at+jwt}; most identity providers send {@code JWT} or nothing. */
    private static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");
    /** DICOM PS3.5 section 6.2: a PN component group holds at most 64 characters; ^ and = delimit. */
    private static final int MAX_PN = 64;

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final ChoiceAuthConfig config;
    private final Set<JWSAlgorithm> algorithms;
    private final JWKSource<SecurityContext> keys;

    BearerTokenVerifier(ChoiceAuthConfig config, JWKSource<SecurityContext> keys, Clock clock) {
        this.config = config;
        this.keys = keys;
        algorithms = config.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toUnmodifiableSet());
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, ACCESS_TOKEN, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        ClockedClaimsVerifier claims = new ClockedClaimsVerifier(config, clock);
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, config.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Opens the JWKS (a URL is fetched now) and verifies with the system clock. */
    public static BearerTokenVerifier start(ChoiceAuthConfig config) {
        return new BearerTokenVerifier(config, JwksKeySource.open(config.jwks(), config.jwksTimeout(),
                JwksKeySource.DEFAULT_MIN_REFRESH_INTERVAL), Clock.systemUTC());
    }

    @Override
    public Caller authenticate(Optional<String> authorization) throws InvalidBearerTokenException {
        if (authorization.isEmpty() || authorization.get().isBlank()) {
            throw new InvalidBearerTokenException(false, "a bearer token is required");
        }
        String value = authorization.get().trim();
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new InvalidBearerTokenException(true, "the Authorization scheme must be Bearer");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(value.substring(BEARER.length()).trim());
        } catch (ParseException e) {
            throw new InvalidBearerTokenException(true, "the token is not a JWT");
        }
        // The processor refuses these too; checked first only to tell the caller why in plain words.
        if (!(jwt instanceof SignedJWT signed)) {
            throw new InvalidBearerTokenException(true, "only signed tokens are accepted (alg none and encrypted"
                    + " tokens are refused)");
        }
        if (!algorithms.contains(signed.getHeader().getAlgorithm())) {
            throw new InvalidBearerTokenException(true, "the JWS algorithm " + signed.getHeader().getAlgorithm()
                    + " is not accepted (" + String.join(", ", config.algorithms()) + ")");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (BadJOSEException e) {
            throw new InvalidBearerTokenException(true, e.getMessage());
        } catch (KeySourceException e) {
            // An unknown key id while the JWKS may not be fetched again yet (rate limit), or the identity provider
            // is unreachable: no key verifies the token now.
            throw new InvalidBearerTokenException(true, "no key to verify the token with: its key id is not in the"
                    + " identity provider's key set (or the key set could not be fetched again yet)");
        } catch (JOSEException e) {
            throw new InvalidBearerTokenException(true, "the token could not be verified ("
                    + e.getClass().getSimpleName() + ")");
        }
        return caller(claims);
    }

    private Caller caller(JWTClaimsSet claims) throws InvalidBearerTokenException {
        Object id = claims.getClaim(config.clinicianClaim());
        if (!(id instanceof String text) || text.isBlank()) {
            throw new InvalidBearerTokenException(true, "the token has no " + config.clinicianClaim() + " claim");
        }
        Clinician clinician = new Clinician(text, config.clinicianSystem(), personName(claims));
        Set<String> names = new HashSet<>(strings(claim(claims, config.rolesClaim())));
        names.addAll(strings(claim(claims, ChoiceAuthConfig.KEYCLOAK_ROLES)));
        Set<Caller.Role> roles = EnumSet.noneOf(Caller.Role.class);
        if (names.contains(config.clinicianRole())) {
            roles.add(Caller.Role.CLINICIAN);
        }
        if (names.contains(config.delegateRole())) {
            roles.add(Caller.Role.DELEGATE);
        }
        if (names.contains(config.auditorRole())) {
            roles.add(Caller.Role.AUDITOR);
        }
        String subject = claims.getSubject() == null ? text : claims.getSubject();
        return new Caller(subject, Optional.of(clinician), roles, true);
    }

    /** Releases the JWKS cache of a URL source. */
    @Override
    public void close() {
        if (keys instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code Family^Given} from the OIDC {@code family_name} and {@code given_name} claims; null without them. */
    static String personName(JWTClaimsSet claims) {
        String family = component(claims.getClaim("family_name"));
        String given = component(claims.getClaim("given_name"));
        if (family.isEmpty() && given.isEmpty()) {
            return null;
        }
        String name = given.isEmpty() ? family : family + "^" + given;
        return name.length() <= MAX_PN ? name : name.substring(0, MAX_PN);
    }

    private static String component(Object value) {
        return value instanceof String text ? text.replaceAll("[\\^=\\\\\\p{Cntrl}]", " ").trim() : "";
    }

    /** A claim by a dotted path into nested JSON objects. */
    private static Object claim(JWTClaimsSet claims, String path) {
        Object node = claims.getClaims();
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(part);
        }
        return node;
    }

    private static List<String> strings(Object value) {
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    /** Issuer, audience, expiry and not-before, on an injectable clock (nimbus reads {@code new Date()}). */
    private static final class ClockedClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

        private final Clock clock;

        ClockedClaimsVerifier(ChoiceAuthConfig config, Clock clock) {
            super(Set.of(config.audience()), new JWTClaimsSet.Builder().issuer(config.issuer()).build(),
                    Set.of("exp", config.clinicianClaim()), null);
            this.clock = clock;
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }
    }
}
