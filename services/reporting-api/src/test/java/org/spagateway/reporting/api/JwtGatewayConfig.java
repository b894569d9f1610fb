package org.spagateway.reporting.api;

import java.util.Map;
import org.spagateway.test.harness.TestIdentityProvider;

/** The configuration of a gateway that trusts the tests' {@link TestIdentityProvider}. */
final class JwtGatewayConfig {

    private JwtGatewayConfig() {
    }

    /** jwt mode with the provider's issuer, audience and clinician system; its JWKS at {@code jwks}. */
    static Map<String, String> of(String jwks) {
        return Map.of(ChoiceAuthConfig.MODE, "jwt", ChoiceAuthConfig.JWKS, jwks,
                ChoiceAuthConfig.ISSUER, TestIdentityProvider.ISSUER, ChoiceAuthConfig.AUDIENCE,
                TestIdentityProvider.AUDIENCE, ChoiceAuthConfig.CLINICIAN_SYSTEM, TestIdentityProvider.SYSTEM);
    }
}
