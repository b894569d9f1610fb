package org.spagateway.dicom.listener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.configuration.ConfigException;
import org.spagateway.events.PatientPseudonym;
import org.spagateway.storage.DurableFiles;

/**
 * The secret the listener's {@link PatientPseudonym}s are keyed with: configured ({@code spa.listener.pseudonym-key},
 * base64 of at least 32 bytes; every listener of a deployment must share it) or, when none is configured, a random
 * key the listener creates once and keeps in {@value #FILE} under its storage root (readable by its owner only), so
 * a single listener names a patient alike across restarts. Never printed.
 */
public final class PseudonymKey {

    /** The key file kept under the storage root when no key is configured. */
    public static final String FILE = ".pseudonym-key";
    private static final Logger LOG = LoggerFactory.getLogger(PseudonymKey.class);

    private final Optional<byte[]> configured;

    private PseudonymKey(Optional<byte[]> configured) {
        this.configured = configured;
    }

    /**
     * @param option the option's name, for the error
     * @param base64 the configured value; empty for a key kept under the storage root
     */
    static PseudonymKey parse(String option, String base64) {
        if (base64.isBlank()) {
            return new PseudonymKey(Optional.empty());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(option, "is not base64 (e.g. the output of `openssl rand -base64 32`)");
        }
        if (key.length < PatientPseudonym.MIN_KEY_BYTES) {
            throw new ConfigException(option, "must hold at least " + PatientPseudonym.MIN_KEY_BYTES + " bytes, not "
                    + key.length);
        }
        return new PseudonymKey(Optional.of(key));
    }

    /**
     * The pseudonyms under this key; creates the key file under {@code storageRoot} on first use when none is
     * configured.
     *
     * @throws IOException the key file cannot be read or written
     */
    PatientPseudonym open(Path storageRoot) throws IOException {
        if (configured.isPresent()) {
            return new PatientPseudonym(configured.get());
        }
        Path file = storageRoot.resolve(FILE);
        byte[] fresh = new byte[PatientPseudonym.MIN_KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        if (DurableFiles.createOnce(file, fresh)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            LOG.info("Created a pseudonym key in {} under the storage root; configure {} to share one key between"
                    + " listeners", FILE, ListenerConfig.PSEUDONYM_KEY);
        }
        byte[] kept = Files.readAllBytes(file);
        if (kept.length < PatientPseudonym.MIN_KEY_BYTES) {
            throw new IOException("the pseudonym key file " + file + " holds " + kept.length + " bytes, not at least "
                    + PatientPseudonym.MIN_KEY_BYTES);
        }
        return new PatientPseudonym(kept);
    }

    @Override
    public String toString() {
        return configured.isPresent() ? "(configured)" : "(kept under the storage root)";
    }
}
