package org.spagateway.kafka.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Broker properties of a single-node KRaft cluster: one process acting as broker and controller, loopback only,
 * every internal topic at replication factor 1 (there is only one replica to be had) and topic auto-creation off,
 * so that a misspelt topic name fails loudly instead of silently creating a new topic.
 */
final class KraftServerProperties {

    static final int NODE_ID = 1;
    static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Secured only: the SASL_SSL listener clients use. */
    static final String SECURED_CLIENT_LISTENER = "CLIENT";
    /** Secured only: the broker's own connections to itself (e.g. transaction markers), as the super user. */
    static final String INTERNAL_LISTENER = "INTERNAL";
    static final String CLIENT_SASL_MECHANISM = "SCRAM-SHA-512";
    static final String INTERNAL_SASL_MECHANISM = "PLAIN";
    static final String HOST = "127.0.0.1";

    private KraftServerProperties() {
    }

    /** The folder holding the metadata log and topic partitions; {@code meta.properties} lies in it once formatted. */
    static Path logDir(Path dataDir) {
        return dataDir.resolve("logs");
    }

    static Map<String, String> of(Path dataDir, int clientPort, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        // Static voter set: the controller's address comes from configuration on every start, so a restart on
        // another port over the same data folder works (a dynamic quorum would persist the old endpoint).
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort);
        p.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put("log.dirs", logDir(dataDir).toString());

        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // A single consumer per group is the norm here; waiting 3 s for more members only slows start-up.
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /**
     * {@link #of} with a SASL_SSL (SCRAM-SHA-512) client listener, the broker's own listeners on loopback with PLAIN
     * for the super user only, and the {@code StandardAuthorizer} denying what no ACL allows.
     */
    static Map<String, String> secured(Path dataDir, int clientPort, int internalPort, int controllerPort,
                                       EmbeddedKafkaSecurity security) {
        Map<String, String> p = of(dataDir, clientPort, controllerPort);
        String client = SECURED_CLIENT_LISTENER + "://" + HOST + ":" + clientPort;
        String internal = INTERNAL_LISTENER + "://" + HOST + ":" + internalPort;
        p.put("listeners", client + "," + internal + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", client + "," + internal);
        p.put("listener.security.protocol.map", SECURED_CLIENT_LISTENER + ":SASL_SSL," + INTERNAL_LISTENER
                + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", INTERNAL_LISTENER);
        p.put("sasl.mechanism.inter.broker.protocol", INTERNAL_SASL_MECHANISM);
        p.put("sasl.mechanism.controller.protocol", INTERNAL_SASL_MECHANISM);

        String clientPrefix = "listener.name." + SECURED_CLIENT_LISTENER.toLowerCase(Locale.ROOT) + ".";
        p.put(clientPrefix + "sasl.enabled.mechanisms", CLIENT_SASL_MECHANISM);
        p.put(clientPrefix + "scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put(clientPrefix + "ssl.keystore.location", security.keyStore().toAbsolutePath().toString());
        p.put(clientPrefix + "ssl.keystore.type", "PKCS12");
        p.put(clientPrefix + "ssl.keystore.password", security.keyStorePassword());
        p.put(clientPrefix + "ssl.key.password", security.keyStorePassword());

        // PLAIN's static user list: the super user is the only one, and the broker logs in as it.
        String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + security.superUser() + "\" password=\"" + security.superUserPassword() + "\" user_"
                + security.superUser() + "=\"" + security.superUserPassword() + "\";";
        for (String listener : new String[] {INTERNAL_LISTENER, CONTROLLER_LISTENER}) {
            String prefix = "listener.name." + listener.toLowerCase(Locale.ROOT) + ".";
            p.put(prefix + "sasl.enabled.mechanisms", INTERNAL_SASL_MECHANISM);
            p.put(prefix + "plain.sasl.jaas.config", plain);
        }

        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", "User:" + security.superUser());
        return p;
    }
}
