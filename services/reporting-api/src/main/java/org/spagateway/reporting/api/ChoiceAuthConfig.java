package org.spagateway.reporting.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;

/**
 * The {@code spa.choices.auth.*} and {@code spa.choices.jwt.*} options: how the choice API and the choice topic
 * route learn who acts. In {@code jwt} mode every request (and every ChoiceMade record) carries an OAuth2/OIDC bearer
 * JWT, verified offline against the identity provider's JWKS; the acting clinician is the token's, never the body's.
 * {@code static-token} is a development mode (one shared token, the clinician named by the body) and only binds
 * loopback.
 *
 * @param mode            how callers are authenticated
 * @param jwks            the JWKS: a file path, or an http(s) URL fetched at start and again for an unknown key id
 * @param issuer          the exact {@code iss} required
 * @param audience        the {@code aud} value required among the token's audiences
 * @param clockSkew       tolerance on {@code exp} and {@code nbf}
 * @param algorithms      the JWS algorithms accepted (asymmetric only)
 * @param jwksTimeout     connect and read timeout of a JWKS URL
 * @param clinicianClaim  the claim whose value is the clinician's identifier
 * @param clinicianSystem the identifier system (FHIR Identifier.system) that value belongs to
 * @param rolesClaim      the claim (a dotted path) listing roles; {@code realm_access.roles} is read as well
 * @param clinicianRole   the role that lets a clinician start, claim and decide their own sessions
 * @param delegateRole    the role that may act for a session's owner (a reporting system's service account)
 * @param auditorRole     the role that may read any session
 */
public record ChoiceAuthConfig(Mode mode, String jwks, String issuer, String audience, Duration clockSkew,
                               Set<String> algorithms, Duration jwksTimeout, String clinicianClaim,
                               String clinicianSystem, String rolesClaim, String clinicianRole, String delegateRole,
                               String auditorRole) {

    public static final String MODE = "spa.choices.auth.mode";
    public static final String JWKS = "spa.choices.jwt.jwks";
    public static final String ISSUER = "spa.choices.jwt.issuer";
    public static final String AUDIENCE = "spa.choices.jwt.audience";
    public static final String CLOCK_SKEW = "spa.choices.jwt.clock-skew";
    public static final String ALGORITHMS = "spa.choices.jwt.algorithms";
    public static final String JWKS_TIMEOUT = "spa.choices.jwt.jwks-timeout";
    public static final String CLINICIAN_CLAIM = "spa.choices.jwt.clinician-claim";
    public static final String CLINICIAN_SYSTEM = "spa.choices.jwt.clinician-system";
    public static final String ROLES_CLAIM = "spa.choices.jwt.roles-claim";
    public static final String CLINICIAN_ROLE = "spa.choices.jwt.clinician-role";
    public static final String DELEGATE_ROLE = "spa.choices.jwt.delegate-role";
    public static final String AUDITOR_ROLE = "spa.choices.jwt.auditor-role";

    /** Signature algorithms with a public verification key; HMAC and {@code none} are never accepted. */
    static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
            "ES384", "ES512");
    /** Keycloak puts realm roles here whatever the configured roles claim. */
    static final String KEYCLOAK_ROLES = "realm_access.roles";

    /** How callers are authenticated. */
    public enum Mode {
        /** Bearer JWTs verified against a JWKS; the identity is the token's. */
        JWT,
        /** Development: one shared token (or none), the clinician named by the body; loopback only. */
        STATIC_TOKEN;

        static Mode parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "jwt" -> JWT;
                case "static-token" -> STATIC_TOKEN;
                default -> throw new ConfigException(MODE, "'" + text + "' is neither jwt nor static-token");
            };
        }
    }

    public static final List<ConfigOption> OPTIONS = List.of(
            new ConfigOption(MODE, "",
                    "How choice API requests and spa.choice.made records prove who acts: jwt (bearer JWTs verified"
                            + " against " + JWKS + "; the clinician is the token's) or static-token (development:"
                            + " spa.choices.api-token, the clinician named by the body; refuses a non-loopback bind"
                            + " address). Empty: jwt when " + JWKS + " is set, else static-token."),
            new ConfigOption(JWKS, "",
                    "The identity provider's JWKS (public keys): a file path, or an https/http URL fetched at start"
                            + " and again when a token names an unknown key id."),
            new ConfigOption(ISSUER, "", "The exact iss claim a token must carry (required in jwt mode)."),
            new ConfigOption(AUDIENCE, "",
                    "The value the token's aud claim must contain, this gateway's client id (required in jwt mode)."),
            new ConfigOption(CLOCK_SKEW, "60s", "Tolerance on a token's exp and nbf claims."),
            new ConfigOption(ALGORITHMS, "RS256,ES256",
                    "JWS algorithms accepted, comma-separated; only RS*, PS* and ES* (never none or HS*)."),
            new ConfigOption(JWKS_TIMEOUT, "5s", "Connect and read timeout when fetching a JWKS URL."),
            new ConfigOption(CLINICIAN_CLAIM, "sub", "The claim whose value is the acting clinician's identifier."),
            new ConfigOption(CLINICIAN_SYSTEM, "",
                    "The identifier system URI (FHIR Identifier.system) the clinician claim's values belong to;"
                            + " compared exactly with the clinician a body names (required in jwt mode)."),
            new ConfigOption(ROLES_CLAIM, "roles",
                    "The claim listing the caller's roles (a dotted path into nested claims); Keycloak's "
                            + KEYCLOAK_ROLES + " is read as well."),
            new ConfigOption(CLINICIAN_ROLE, "spa-clinician",
                    "Role of a clinician: may start sessions for themself, claim a session routing started by"
                            + " choosing first, and decide and read their own sessions."),
            new ConfigOption(DELEGATE_ROLE, "spa-delegate",
                    "Role that may act for a session's owner (e.g. a reporting system's service account): choose,"
                            + " approve and read any owned session; its own subject is logged as the actor."),
            new ConfigOption(AUDITOR_ROLE, "spa-auditor", "Role that may read any session, but not choose."));

    public ChoiceAuthConfig {
        Objects.requireNonNull(mode, "mode");
        algorithms = Set.copyOf(algorithms);
    }

    /** @param bindAddress the choice API's bind address; static-token mode refuses any but loopback */
    public static ChoiceAuthConfig from(ConfigSource config, String bindAddress, boolean enabled) {
        String jwks = config.string(JWKS, "");
        String modeText = config.string(MODE, "");
        Mode mode = modeText.isEmpty() ? (jwks.isEmpty() ? Mode.STATIC_TOKEN : Mode.JWT) : Mode.parse(modeText);
        Duration skew = config.duration(CLOCK_SKEW, Duration.ofSeconds(60));
        Duration timeout = config.duration(JWKS_TIMEOUT, Duration.ofSeconds(5));
        if (timeout.isZero()) {
            throw new ConfigException(JWKS_TIMEOUT, "must be positive");
        }
        List<String> algorithms = config.list(ALGORITHMS, List.of("RS256", "ES256"));
        for (String algorithm : algorithms) {
            if (!ASYMMETRIC.contains(algorithm)) {
                throw new ConfigException(ALGORITHMS, "'" + algorithm + "' is not accepted; use RS*, PS* or ES*"
                        + " (a public key must not verify HMAC, and none proves nothing)");
            }
        }
        if (algorithms.isEmpty()) {
            throw new ConfigException(ALGORITHMS, "name at least one algorithm");
        }
        ChoiceAuthConfig auth = new ChoiceAuthConfig(mode, jwks, config.string(ISSUER, ""),
                config.string(AUDIENCE, ""), skew, Set.copyOf(algorithms), timeout,
                config.string(CLINICIAN_CLAIM, "sub"), config.string(CLINICIAN_SYSTEM, ""),
                config.string(ROLES_CLAIM, "roles"), config.string(CLINICIAN_ROLE, "spa-clinician"),
                config.string(DELEGATE_ROLE, "spa-delegate"), config.string(AUDITOR_ROLE, "spa-auditor"));
        if (enabled && mode == Mode.JWT) {
            config.requiredString(JWKS);
            config.requiredString(ISSUER);
            config.requiredString(AUDIENCE);
            config.requiredString(CLINICIAN_SYSTEM);
            if (auth.clinicianClaim().isEmpty()) {
                throw new ConfigException(CLINICIAN_CLAIM, "must name a claim");
            }
        }
        if (enabled && mode == Mode.STATIC_TOKEN && !loopback(bindAddress)) {
            throw new ConfigException(MODE, "static-token is a development mode and listens on loopback only, not on"
                    + " '" + bindAddress + "'; configure " + JWKS + ", " + ISSUER + ", " + AUDIENCE + " and "
                    + CLINICIAN_SYSTEM + " (mode jwt) to serve the network");
        }
        return auth;
    }

    static boolean loopback(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public boolean jwt() {
        return mode == Mode.JWT;
    }
}
