package org.spagateway.reporting.api;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures by the Standard Webhooks scheme (standardwebhooks.com, symmetric {@code v1}): each delivery
 * carries {@value #ID_HEADER} (the CloudEvent id: the same on every retry, for the receiver to deduplicate),
 * {@value #TIMESTAMP_HEADER} (seconds since the epoch, of this attempt) and {@value #SIGNATURE_HEADER}: {@code v1,}
 * and the base64 HMAC-SHA256 of {@code <id>.<timestamp>.<body>}, once per secret, space-separated, so a receiver
 * keeps working while a secret is rotated. Signing the id and the time as well as the body is what lets a receiver
 * refuse a captured delivery replayed later ({@link WebhookVerifier}).
 *
 * <p>A secret is {@code whsec_} and the base64 of its key bytes (or the base64 alone), as the scheme's libraries
 * take it; generate one with {@code echo whsec_$(openssl rand -base64 32)}.
 */
public final class WebhookSignature {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    public static final String SECRET_PREFIX = "whsec_";
    public static final String VERSION = "v1";
    /** The scheme recommends keys of 24 to 64 bytes. */
    public static final int MIN_KEY_BYTES = 24;
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /**
     * The key bytes of a secret.
     *
     * @throws IllegalArgumentException when it is not base64 (after an optional {@value #SECRET_PREFIX}) or its key is
     *                                  shorter than {@value #MIN_KEY_BYTES} bytes; the message never repeats the secret
     */
    public static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a Standard Webhooks secret (whsec_ and base64); generate one"
                    + " with: echo whsec_$(openssl rand -base64 32)");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("holds a key of " + key.length + " bytes; at least " + MIN_KEY_BYTES
                    + " are needed (echo whsec_$(openssl rand -base64 32))");
        }
        return key;
    }

    /** The {@value #SIGNATURE_HEADER} value: one {@code v1,<base64>} per key, in order, space-separated. */
    public static String sign(List<byte[]> keys, String id, long timestampSeconds, byte[] body) {
        List<String> signatures = new ArrayList<>();
        for (byte[] key : keys) {
            signatures.add(VERSION + "," + Base64.getEncoder().encodeToString(mac(key, id, timestampSeconds, body)));
        }
        return String.join(" ", signatures);
    }

    /** HMAC-SHA256 of {@code <id>.<timestamp>.<body>} under {@code key}. */
    static byte[] mac(byte[] key, String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is required of every Java runtime", e);
        }
    }
}
