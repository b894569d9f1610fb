package org.spagateway.reporting.api;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a receiving reporting system does with a delivery ({@link WebhookSignature}): the headers must be there, the
 * timestamp within {@code tolerance} of its clock (so a captured delivery cannot be replayed later), one of the
 * signatures must match one of its secrets (compared in constant time), and an id already seen inside the
 * tolerance is a repeat: a retry of ours or a replay, answered 2xx and not processed again. Ids are remembered only
 * as long as their timestamps would pass, so memory stays bounded by the delivery rate. Thread-safe.
 *
 * <p>Used by this project's tests as the receiver; documented in docs/choices.md as the example for receivers.
 */
public final class WebhookVerifier {

    /** Why a delivery is refused. */
    public enum Failure { MISSING_HEADER, STALE_TIMESTAMP, BAD_SIGNATURE }

    /** A refused delivery; answer it 400 (401 for a bad signature) and do not process it. */
    public static final class VerificationException extends Exception {

        private static final long serialVersionUID = 1L;
        private final Failure failure;

        VerificationException(Failure failure, String message) {
            super(message);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    private final List<byte[]> keys = new ArrayList<>();
    private final Duration tolerance;
    private final Clock clock;
    private final Map<String, Instant> seen = new LinkedHashMap<>();

    /** @param secrets the secrets in use (two while one is rotated), each as {@link WebhookSignature#key} takes it */
    public WebhookVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        secrets.forEach(secret -> keys.add(WebhookSignature.key(secret)));
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * @return true the first time this id is verified, false for a repeat (a retry or a replay inside the tolerance)
     * @throws VerificationException when the delivery must be refused
     */
    public boolean verify(String id, String timestamp, String signatures, byte[] body) throws VerificationException {
        if (id == null || id.isBlank() || timestamp == null || signatures == null) {
            throw new VerificationException(Failure.MISSING_HEADER, "webhook-id, webhook-timestamp and"
                    + " webhook-signature are required");
        }
        Instant now = clock.instant();
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new VerificationException(Failure.STALE_TIMESTAMP, "webhook-timestamp is not a number");
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        if (Duration.between(sent, now).abs().compareTo(tolerance) > 0) {
            throw new VerificationException(Failure.STALE_TIMESTAMP, "webhook-timestamp is more than " + tolerance
                    + " away from now");
        }
        if (!matches(id, seconds, signatures, body)) {
            throw new VerificationException(Failure.BAD_SIGNATURE, "no signature matches");
        }
        return firstTime(id, now);
    }

    private boolean matches(String id, long seconds, String signatures, byte[] body) {
        for (byte[] key : keys) {
            byte[] expected = WebhookSignature.mac(key, id, seconds, body);
            for (String signature : signatures.trim().split(" +")) {
                int comma = signature.indexOf(',');
                if (comma < 0 || !signature.substring(0, comma).equals(WebhookSignature.VERSION)) {
                    continue;
                }
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(signature.substring(comma + 1));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return true;
                }
            }
        }
        return false;
    }

    private synchronized boolean firstTime(String id, Instant now) {
        Iterator<Instant> oldest = seen.values().iterator();
        while (oldest.hasNext()) {
            if (Duration.between(oldest.next(), now).compareTo(tolerance.multipliedBy(2)) <= 0) {
                break;
            }
            oldest.remove();
        }
        return seen.putIfAbsent(id, now) == null;
    }
}
