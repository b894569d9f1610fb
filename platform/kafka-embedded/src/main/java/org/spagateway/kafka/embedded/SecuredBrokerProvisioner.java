package org.spagateway.kafka.embedded;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * Creates the SCRAM users and ACLs of a secured embedded broker through the admin API as the super user (what
 * {@code kafka-configs.sh --alter --add-config SCRAM-SHA-512=...} and {@code kafka-acls.sh --add} do), and waits until
 * the broker serves them: the controller commits them first, the broker applies them from the metadata log after.
 * Both operations are upserts, so a restart over the same data folder provisions again harmlessly.
 */
final class SecuredBrokerProvisioner {

    /** RFC 7677 asks for at least 4096 iterations; Kafka's minimum for SCRAM-SHA-512 is 4096 too. */
    private static final int SCRAM_ITERATIONS = 8192;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MS = 20;

    private final Map<String, Object> adminProperties;

    SecuredBrokerProvisioner(Map<String, Object> adminProperties) {
        this.adminProperties = adminProperties;
    }

    /** Admin client properties of the super user on the broker's loopback internal listener. */
    static Map<String, Object> superUserAdmin(String internalBootstrap, EmbeddedKafkaSecurity security) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrap,
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                "sasl.mechanism", KraftServerProperties.INTERNAL_SASL_MECHANISM,
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + security.superUser() + "\" password=\"" + security.superUserPassword() + "\";",
                AdminClientConfig.CLIENT_ID_CONFIG, "spa-embedded-provisioner");
    }

    void provision(EmbeddedKafkaSecurity security) {
        try (Admin admin = Admin.create(adminProperties)) {
            if (!security.scramUsers().isEmpty()) {
                List<UserScramCredentialAlteration> users = security.scramUsers().entrySet().stream()
                        .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.getKey(),
                                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                                user.getValue()))
                        .toList();
                admin.alterUserScramCredentials(users).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (!security.acls().isEmpty()) {
                admin.createAcls(security.acls()).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            awaitServed(admin, security);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka users and ACLs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create Kafka users and ACLs on the embedded broker", e);
        }
    }

    private static void awaitServed(Admin admin, EmbeddedKafkaSecurity security)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Set<String> wantedUsers = security.scramUsers().keySet();
        Set<AclBinding> wantedAcls = new HashSet<>(security.acls());
        while (true) {
            Set<String> users = wantedUsers.isEmpty() ? Set.of()
                    : new HashSet<>(admin.describeUserScramCredentials().users().get(TIMEOUT.toMillis(),
                            TimeUnit.MILLISECONDS));
            Set<AclBinding> acls = wantedAcls.isEmpty() ? Set.of()
                    : new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(TIMEOUT.toMillis(),
                            TimeUnit.MILLISECONDS));
            if (users.containsAll(wantedUsers) && acls.containsAll(wantedAcls)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the broker does not serve the created users and ACLs after " + TIMEOUT);
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
    }
}
