package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.events.Clinician;
import org.spagateway.test.harness.TestIdentityProvider;

/** Bearer JWTs as a reporting system or an attacker may present them, against keys nimbus-jose-jwt generated. */
class BearerTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
    private static final TestIdentityProvider IDP = TestIdentityProvider.create("idp");
    private static final TestIdentityProvider OTHER = TestIdentityProvider.create("idp");

    private final BearerTokenVerifier verifier = verifier(Map.of());

    @Test
    void acceptsAnRs256TokenAndMapsTheSubjectToTheClinicianInTheConfiguredSystem() throws Exception {
        Caller caller = verify(IDP.rs256(TestIdentityProvider.claims("dr-rivera", NOW, "spa-clinician").build()));

        assertThat(caller.verified()).isTrue();
        assertThat(caller.subject()).isEqualTo("dr-rivera");
        assertThat(caller.clinician()).contains(new Clinician("dr-rivera", TestIdentityProvider.SYSTEM, null));
        assertThat(caller.roles()).containsExactly(Caller.Role.CLINICIAN);
    }

    @Test
    void acceptsAnEs256Token() throws Exception {
        Caller caller = verify(IDP.es256(TestIdentityProvider.claims("dr-rivera", NOW, "spa-auditor").build()));

        assertThat(caller.roles()).containsExactly(Caller.Role.AUDITOR);
    }

    @Test
    void takesTheNameInDicomPersonNameFormFromFamilyAndGivenName() throws Exception {
        Caller caller = verify(IDP.rs256(TestIdentityProvider.claims("dr-rivera", NOW).claim("family_name", "Rivera")
                .claim("given_name", "Ana").claim("name", "Dr Ana Rivera").build()));

        assertThat(caller.clinician().orElseThrow().personName()).isEqualTo("Rivera^Ana");
    }

    @Test
    void readsKeycloakRealmRolesAndAConfiguredClinicianClaim() throws Exception {
        BearerTokenVerifier keycloak = verifier(Map.of(ChoiceAuthConfig.CLINICIAN_CLAIM, "npi"));
        JWTClaimsSet claims = TestIdentityProvider.claims("4c1e-uuid", NOW).claim("npi", "1234567893")
                .claim("realm_access", Map.of("roles", List.of("spa-delegate", "offline_access"))).build();

        Caller caller = keycloak.authenticate(Optional.of("Bearer " + IDP.rs256(claims)));

        assertThat(caller.subject()).isEqualTo("4c1e-uuid");
        assertThat(caller.clinician().orElseThrow().id()).isEqualTo("1234567893");
        assertThat(caller.roles()).containsExactly(Caller.Role.DELEGATE);
    }

    @Test
    void refusesAMissingTokenWithoutCallingItInvalid() {
        assertThatThrownBy(() -> verifier.authenticate(Optional.empty()))
                .isInstanceOfSatisfying(InvalidBearerTokenException.class, e -> assertThat(e.presented()).isFalse());
    }

    @Test
    void refusesAnotherAuthorizationScheme() {
        assertRefused("Basic ZHItcml2ZXJhOnNlY3JldA==", "Bearer");
    }

    @Test
    void refusesAnExpiredToken() {
        assertRefused(bearer(IDP.rs256(TestIdentityProvider.claims("dr-rivera", NOW.minus(Duration.ofHours(1)))
                .build())), "Expired JWT");
    }

    @Test
    void refusesATokenNotValidYet() {
        assertRefused(bearer(IDP.rs256(TestIdentityProvider.claims("dr-rivera", NOW)
                .notBeforeTime(Date.from(NOW.plus(Duration.ofMinutes(2)))).build())), "before use time");
    }

    @Test
    void acceptsExpiryWithinTheClockSkewAndRefusesItBeyond() throws Exception {
        JWTClaimsSet.Builder claims = TestIdentityProvider.claims("dr-rivera", NOW.minus(Duration.ofMinutes(10)));

        verify(IDP.rs256(claims.expirationTime(Date.from(NOW.minusSeconds(59))).build()));
        assertRefused(bearer(IDP.rs256(claims.expirationTime(Date.from(NOW.minusSeconds(61))).build())),
                "Expired JWT");
        assertRefused(bearer(IDP.rs256(claims.expirationTime(Date.from(NOW.minusSeconds(1))).build())),
                verifier(Map.of(ChoiceAuthConfig.CLOCK_SKEW, "0s")), "Expired JWT");
    }

    @Test
    void refusesAnotherIssuer() {
        assertRefused(bearer(IDP.rs256(TestIdentityProvider.claims("dr-rivera", NOW)
                .issuer("https://evil.test/realms/spa").build())), "iss");
    }

    @Test
    void refusesATokenForAnotherAudience() {
        assertRefused(bearer(IDP.rs256(TestIdentityProvider.claims("dr-rivera", NOW).audience("pacs-viewer")
                .build())), "aud");
    }

    @Test
    void refusesATokenSignedByAnotherKeyUnderTheSameKeyId() {
        String forged = TestIdentityProvider.sign(uncheck(() -> new RSASSASigner(OTHER.rsa())), JWSAlgorithm.RS256,
                IDP.rsa().getKeyID(), TestIdentityProvider.claims("dr-rivera", NOW).build());

        assertRefused(bearer(forged), "Invalid signature");
    }

    @Test
    void refusesAnUnsignedAlgNoneToken() {
        assertRefused(bearer(new PlainJWT(TestIdentityProvider.claims("dr-rivera", NOW).build()).serialize()),
                "alg none");
    }

    @Test
    void refusesAnHs256TokenWhoseSecretIsThePublicKey() {
        byte[] publicKey = uncheck(() -> IDP.rsa().toRSAPublicKey().getEncoded());
        String confused = TestIdentityProvider.sign(uncheck(() -> new MACSigner(publicKey)), JWSAlgorithm.HS256,
                IDP.rsa().getKeyID(), TestIdentityProvider.claims("dr-rivera", NOW).build());

        assertRefused(bearer(confused), "JWS algorithm HS256 is not accepted");
    }

    @Test
    void refusesATokenWhoseKeyIdTheJwksDoesNotHold() {
        String unknown = TestIdentityProvider.sign(uncheck(() -> new RSASSASigner(OTHER.rsa())), JWSAlgorithm.RS256,
                "rotated-away", TestIdentityProvider.claims("dr-rivera", NOW).build());

        assertRefused(bearer(unknown), "no matching key");
    }

    @Test
    void refusesAnAlgorithmOutsideTheConfiguredOnes() {
        BearerTokenVerifier rsaOnly = verifier(Map.of(ChoiceAuthConfig.ALGORITHMS, "RS256"));

        assertRefused(bearer(IDP.es256(TestIdentityProvider.claims("dr-rivera", NOW).build())), rsaOnly,
                "JWS algorithm ES256 is not accepted");
    }

    @Test
    void refusesATokenWithoutTheClinicianClaim() {
        assertRefused(bearer(IDP.rs256(new JWTClaimsSet.Builder().issuer(TestIdentityProvider.ISSUER)
                .audience(TestIdentityProvider.AUDIENCE).expirationTime(Date.from(NOW.plusSeconds(60))).build())),
                "sub");
    }

    @Test
    void refusesTextThatIsNoJwt() {
        assertRefused("Bearer not-a-jwt", "not a JWT");
    }

    private Caller verify(String token) throws InvalidBearerTokenException {
        return verifier.authenticate(Optional.of(bearer(token)));
    }

    private void assertRefused(String authorization, String because) {
        assertRefused(authorization, verifier, because);
    }

    private static void assertRefused(String authorization, BearerTokenVerifier verifier, String because) {
        assertThatThrownBy(() -> verifier.authenticate(Optional.of(authorization)))
                .isInstanceOfSatisfying(InvalidBearerTokenException.class, e -> {
                    assertThat(e.presented()).isTrue();
                    assertThat(e.getMessage()).containsIgnoringCase(because).doesNotContain(authorization);
                });
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static BearerTokenVerifier verifier(Map<String, String> overrides) {
        ChoiceAuthConfig config = ChoiceAuthConfig.from(ConfigSource.of(JwtGatewayConfig.of("jwks.json"))
                .with(overrides), "127.0.0.1", true);
        try {
            return new BearerTokenVerifier(config, new ImmutableJWKSet<>(JWKSet.parse(IDP.jwks())),
                    Clock.fixed(NOW, ZoneOffset.UTC));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T uncheck(ThrowingSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A nimbus constructor or conversion that declares a checked exception. */
    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
