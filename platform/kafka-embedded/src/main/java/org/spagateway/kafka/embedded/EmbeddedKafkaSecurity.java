package org.spagateway.kafka.embedded;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.acl.AclBinding;

/**
 * How the embedded broker runs secured: its client listener speaks SASL_SSL with SCRAM-SHA-512 only, the
 * {@code StandardAuthorizer} denies whatever no ACL allows, and the users and ACLs given here are created before
 * {@link EmbeddedKafkaBroker#start(EmbeddedKafkaConfig, EmbeddedKafkaSecurity)} returns.
 *
 * <p>The broker reaches its own controller and itself (transaction markers) over two more loopback listeners,
 * SASL_PLAINTEXT with PLAIN, where only {@code superUser} exists: SCRAM credentials live in the cluster metadata, which
 * the controller listener must serve before any of them can be read.
 *
 * @param keyStore          PKCS#12 store with the broker's key and certificate (valid for 127.0.0.1)
 * @param keyStorePassword  its password, also the key's
 * @param superUser         the broker's own principal, a super user; also the one that creates users and ACLs
 * @param superUserPassword its password
 * @param scramUsers        SCRAM-SHA-512 users to create: name to password
 * @param acls              ACLs to create
 */
public record EmbeddedKafkaSecurity(Path keyStore, String keyStorePassword, String superUser,
                                    String superUserPassword, Map<String, String> scramUsers, List<AclBinding> acls) {

    public static final String DEFAULT_SUPER_USER = "spa-broker";

    public EmbeddedKafkaSecurity {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        requireJaasSafe(superUser, "superUser");
        requireJaasSafe(superUserPassword, "superUserPassword");
        scramUsers = Map.copyOf(scramUsers);
        acls = List.copyOf(acls);
        if (scramUsers.containsKey(superUser)) {
            throw new IllegalArgumentException("the super user " + superUser + " is not a SCRAM user");
        }
    }

    /** The broker's key store, a super user with a random password, and the given users and ACLs. */
    public static EmbeddedKafkaSecurity of(Path keyStore, String keyStorePassword, Map<String, String> scramUsers,
                                           List<AclBinding> acls) {
        byte[] password = new byte[24];
        new SecureRandom().nextBytes(password);
        return new EmbeddedKafkaSecurity(keyStore, keyStorePassword, DEFAULT_SUPER_USER,
                HexFormat.of().formatHex(password), scramUsers, acls);
    }

    /** Without the passwords. */
    @Override
    public String toString() {
        return "EmbeddedKafkaSecurity[keyStore=" + keyStore + ", superUser=" + superUser + ", scramUsers="
                + scramUsers.keySet() + ", acls=" + acls.size() + "]";
    }

    /** The PLAIN login module's static user list is a JAAS string: keep quotes and separators out of it. */
    private static void requireJaasSafe(String value, String name) {
        if (value == null || !value.matches("[A-Za-z0-9._@-]+")) {
            throw new IllegalArgumentException(name + " must be letters, digits and . _ @ - only");
        }
    }
}
