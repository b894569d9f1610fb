package org.spagateway.reporting.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A throw-away OIDC identity provider for tests: RSA and EC signing keys made by nimbus-jose-jwt, their public JWKS,
 * and access tokens for clinicians, delegates and auditors as an identity provider would issue them.
 */
final class TestIdentityProvider {

    static final String ISSUER = "https://idp.test/realms/spa";
    static final String AUDIENCE = "spa-gateway";
    static final String SYSTEM = LedgerFixtures.RIVERA.system();

    final RSAKey rsa;
    final ECKey ec;

    private TestIdentityProvider(RSAKey rsa, ECKey ec) {
        this.rsa = rsa;
        this.ec = ec;
    }

    static TestIdentityProvider create(String keyIdPrefix) {
        try {
            return new TestIdentityProvider(new RSAKeyGenerator(2048).keyID(keyIdPrefix + "-rsa").generate(),
                    new ECKeyGenerator(Curve.P_256).keyID(keyIdPrefix + "-ec").generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public keys only, as the identity provider publishes them. */
    String jwks() {
        return new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK())).toString(true);
    }

    Path writeJwks(Path file) throws IOException {
        return Files.writeString(file, jwks(), StandardCharsets.UTF_8);
    }

    /** The configuration of a gateway trusting this provider, its JWKS at {@code jwks}. */
    static Map<String, String> gatewayConfig(String jwks) {
        return Map.of(ChoiceAuthConfig.MODE, "jwt", ChoiceAuthConfig.JWKS, jwks,
                ChoiceAuthConfig.ISSUER, ISSUER, ChoiceAuthConfig.AUDIENCE, AUDIENCE,
                ChoiceAuthConfig.CLINICIAN_SYSTEM, SYSTEM);
    }

    /** Claims valid for five minutes from {@code now}: issuer, audience, subject and roles. */
    static JWTClaimsSet.Builder claims(String subject, Instant now, String... roles) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("roles", List.of(roles));
    }

    String clinician(String subject) {
        return rs256(claims(subject, Instant.now(), "spa-clinician").build());
    }

    String rs256(JWTClaimsSet claims) {
        try {
            return sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, rsa.getKeyID(), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String es256(JWTClaimsSet claims) {
        try {
            return sign(new ECDSASigner(ec), JWSAlgorithm.ES256, ec.getKeyID(), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
