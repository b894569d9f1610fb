package org.spagateway.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pseudonym events and FHIR resources name a patient by: HMAC-SHA256, under a deployment secret, of the Issuer
 * of Patient ID (0010,0021) and the Patient ID (0010,0020). The same patient (same issuer and ID) gets the same
 * pseudonym in every study, so an auditor holding the key can ask for everything recorded about one patient; without
 * the key nobody can reverse it or test a guessed ID against it. A study without a Patient ID (Type 2: present but
 * possibly empty) is named by a keyed HMAC of its Study Instance UID instead: still not reversible, but per study.
 *
 * <p>The inputs are domain-separated and length-prefixed, so no issuer/ID split and no study UID can produce another
 * input's pseudonym.
 */
public final class PatientPseudonym {

    /** Shorter keys make the HMAC guessable; 32 bytes is the output size of SHA-256. */
    public static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PATIENT = "spa-gateway patient v1";
    private static final String STUDY = "spa-gateway study v1";

    private final SecretKeySpec key;

    public PatientPseudonym(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a pseudonym key needs at least " + MIN_KEY_BYTES + " bytes, not "
                    + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /**
     * The pseudonym of an instance's patient: of the patient when {@code patientId} has a value, else of the study.
     *
     * @param issuerOfPatientId (0010,0021), may be null or empty
     * @param patientId         (0010,0020), may be null or empty
     * @param studyInstanceUid  (0020,000D)
     * @return 64 lower-case hex digits
     */
    public String of(String issuerOfPatientId, String patientId, String studyInstanceUid) {
        if (patientId == null || patientId.isBlank()) {
            return hmac(STUDY, Objects.requireNonNull(studyInstanceUid, "studyInstanceUid").trim());
        }
        return hmac(PATIENT, issuerOfPatientId == null ? "" : issuerOfPatientId.trim(), patientId.trim());
    }

    private String hmac(String domain, String... parts) {
        Mac mac;
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        }
        update(mac, domain);
        for (String part : parts) {
            update(mac, part);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /** Each part as its UTF-8 length (4 bytes, big-endian) and bytes. */
    private static void update(Mac mac, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        mac.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
            (byte) bytes.length});
        mac.update(bytes);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "PatientPseudonym[HmacSHA256]";
    }
}
