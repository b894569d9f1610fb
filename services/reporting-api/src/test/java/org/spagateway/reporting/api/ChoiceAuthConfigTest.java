package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.test.harness.TestIdentityProvider;

/** The authentication mode a deployment ends up in, and the configurations that must not start. */
class ChoiceAuthConfigTest {

    @Test
    void anUnconfiguredGatewayOnLoopbackRunsTheDevelopmentModeAsTheDemoDoes() {
        ChoiceApiConfig config = ChoiceApiConfig.from(ConfigSource.of(Map.of()));

        assertThat(config.auth().mode()).isEqualTo(ChoiceAuthConfig.Mode.STATIC_TOKEN);
    }

    @Test
    void aJwksMakesJwtTheModeWithSafeDefaults() {
        ChoiceAuthConfig auth = ChoiceApiConfig.from(ConfigSource.of(JwtGatewayConfig.of(
                "https://idp.test/jwks")).with(Map.of(ChoiceAuthConfig.MODE, ""))).auth();

        assertThat(auth.mode()).isEqualTo(ChoiceAuthConfig.Mode.JWT);
        assertThat(auth.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(auth.algorithms()).containsExactlyInAnyOrder("RS256", "ES256");
        assertThat(auth.clinicianClaim()).isEqualTo("sub");
        assertThat(auth.rolesClaim()).isEqualTo("roles");
        assertThat(auth.clinicianRole()).isEqualTo("spa-clinician");
        assertThat(auth.delegateRole()).isEqualTo("spa-delegate");
        assertThat(auth.auditorRole()).isEqualTo("spa-auditor");
    }

    @Test
    void refusesToStartWithoutJwtOnANonLoopbackAddress() {
        assertRefused(Map.of(ChoiceApiConfig.BIND_ADDRESS, "0.0.0.0"), ChoiceAuthConfig.MODE);
        assertRefused(Map.of(ChoiceApiConfig.BIND_ADDRESS, "0.0.0.0", ChoiceAuthConfig.MODE, "static-token",
                ChoiceApiConfig.API_TOKEN, "0123456789abcdefXYZ"), ChoiceAuthConfig.MODE);
    }

    @Test
    void aDisabledChoiceApiNeedsNoAuthentication() {
        assertThat(ChoiceApiConfig.from(ConfigSource.of(Map.of(ChoiceApiConfig.BIND_ADDRESS, "0.0.0.0",
                ChoiceApiConfig.ENABLED, "false"))).enabled()).isFalse();
    }

    @Test
    void jwtModeOnTheNetworkStarts() {
        Map<String, String> properties = new HashMap<>(JwtGatewayConfig.of("https://idp.test/jwks"));
        properties.put(ChoiceApiConfig.BIND_ADDRESS, "0.0.0.0");

        assertThat(ChoiceApiConfig.from(ConfigSource.of(properties)).auth().jwt()).isTrue();
    }

    @Test
    void jwtModeNeedsIssuerAudienceAndClinicianSystem() {
        for (String key : new String[] {ChoiceAuthConfig.ISSUER, ChoiceAuthConfig.AUDIENCE,
                ChoiceAuthConfig.CLINICIAN_SYSTEM, ChoiceAuthConfig.JWKS}) {
            Map<String, String> properties = new HashMap<>(JwtGatewayConfig.of("jwks.json"));
            properties.remove(key);
            assertRefused(properties, key);
        }
    }

    @Test
    void refusesHmacAndNoneAmongTheAlgorithms() {
        for (String algorithm : new String[] {"HS256", "none", "RS256,HS512"}) {
            Map<String, String> properties = new HashMap<>(JwtGatewayConfig.of("jwks.json"));
            properties.put(ChoiceAuthConfig.ALGORITHMS, algorithm);
            assertRefused(properties, ChoiceAuthConfig.ALGORITHMS);
        }
    }

    @Test
    void refusesTheSharedTokenInJwtMode() {
        Map<String, String> properties = new HashMap<>(JwtGatewayConfig.of("jwks.json"));
        properties.put(ChoiceApiConfig.API_TOKEN, "0123456789abcdefXYZ");

        assertRefused(properties, ChoiceApiConfig.API_TOKEN);
    }

    @Test
    void refusesAnUnknownMode() {
        assertRefused(Map.of(ChoiceAuthConfig.MODE, "basic"), ChoiceAuthConfig.MODE);
    }

    @Test
    void everyOptionIsDocumentedInTheChoiceSection() {
        assertThat(ChoiceApiConfig.OPTIONS).extracting(option -> option.key()).contains(ChoiceAuthConfig.MODE,
                ChoiceAuthConfig.JWKS, ChoiceAuthConfig.ISSUER, ChoiceAuthConfig.AUDIENCE,
                ChoiceAuthConfig.CLOCK_SKEW, ChoiceAuthConfig.ALGORITHMS, ChoiceAuthConfig.JWKS_TIMEOUT,
                ChoiceAuthConfig.CLINICIAN_CLAIM, ChoiceAuthConfig.CLINICIAN_SYSTEM, ChoiceAuthConfig.ROLES_CLAIM,
                ChoiceAuthConfig.CLINICIAN_ROLE, ChoiceAuthConfig.DELEGATE_ROLE, ChoiceAuthConfig.AUDITOR_ROLE,
                ChoiceTlsConfig.KEY_STORE, ChoiceTlsConfig.KEY_STORE_PASSWORD, ChoiceTlsConfig.TRUST_STORE,
                ChoiceTlsConfig.TRUST_STORE_PASSWORD, ChoiceTlsConfig.CLIENT_AUTH);
    }

    private static void assertRefused(Map<String, String> properties, String key) {
        assertThatThrownBy(() -> ChoiceApiConfig.from(ConfigSource.of(properties)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key));
    }
}
