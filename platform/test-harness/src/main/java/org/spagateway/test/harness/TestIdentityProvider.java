package org.spagateway.test.harness;

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

/**
 * A throw-away OIDC identity provider for tests: RSA and EC signing keys made by nimbus-jose-jwt, their public JWKS,
 * and access tokens for clinicians, delegates and auditors as an identity provider would issue them. A gateway trusts
 * it with {@code spa.choices.jwt.jwks} = {@link #writeJwks}, {@link #ISSUER}, {@link #AUDIENCE} and
 * {@link #SYSTEM} as the clinicians' identifier system.
 */
public final class TestIdentityProvider {

    public static final String ISSUER = "https://idp.test/realms/spa";
    public static final String AUDIENCE = "spa-gateway";
    /** The identifier system of clinicians' ids (the NPI's OID, as the tests' clinicians use). */
    public static final String SYSTEM = "urn:oid:2.16.840.1.113883.4.6";

    private final RSAKey rsa;
    private final ECKey ec;

    private TestIdentityProvider(RSAKey rsa, ECKey ec) {
        this.rsa = rsa;
        this.ec = ec;
    }

    public static TestIdentityProvider create(String keyIdPrefix) {
        try {
            return new TestIdentityProvider(new RSAKeyGenerator(2048).keyID(keyIdPrefix + "-rsa").generate(),
                    new ECKeyGenerator(Curve.P_256).keyID(keyIdPrefix + "-ec").generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RSA signing key (private), for tests that forge or rotate. */
    public RSAKey rsa() {
        return rsa;
    }

    /** The EC signing key (private). */
    public ECKey ec() {
        return ec;
    }

    /** The public keys only, as the identity provider publishes them. */
    public String jwks() {
        return new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK())).toString(true);
    }

    public Path writeJwks(Path file) throws IOException {
        return Files.writeString(file, jwks(), StandardCharsets.UTF_8);
    }

    /** Claims valid for five minutes from {@code now}: issuer, audience, subject and roles. */
    public static JWTClaimsSet.Builder claims(String subject, Instant now, String... roles) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("roles", List.of(roles));
    }

    public String clinician(String subject) {
        return rs256(claims(subject, Instant.now(), "spa-clinician").build());
    }

    public String rs256(JWTClaimsSet claims) {
        try {
            return sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, rsa.getKeyID(), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String es256(JWTClaimsSet claims) {
        try {
            return sign(new ECDSASigner(ec), JWSAlgorithm.ES256, ec.getKeyID(), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
