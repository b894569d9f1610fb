package org.spagateway.kafka.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
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
}
