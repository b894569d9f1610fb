package org.spagateway.kafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM, on loopback.
 * Storage is formatted on first start only, so a restart over the same data folder keeps the topics and records.
 *
 * <p>The broker's threads are not daemon threads: whoever starts it must {@link #close()} it, or the JVM never exits.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String META_PROPERTIES = "meta.properties";
    /** Free ports are picked before binding; another process may take one in between, so try again a few times. */
    private static final int START_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final int clientPort;
    private final Path dataDir;
    private final Map<String, Object> adminProperties;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, int clientPort, Path dataDir,
                                Map<String, Object> adminProperties) {
        this.server = server;
        this.clientPort = clientPort;
        this.dataDir = dataDir;
        this.adminProperties = Map.copyOf(adminProperties);
    }

    /** Formats storage if needed, starts a PLAINTEXT broker and returns once it accepts client requests. */
    public static EmbeddedKafkaBroker start(EmbeddedKafkaConfig config) {
        return start(config, Optional.empty());
    }

    /**
     * Formats storage if needed, starts a broker whose client listener is SASL_SSL (SCRAM-SHA-512) with ACLs
     * enforced, creates the users and ACLs of {@code security} and returns once they are in effect.
     */
    public static EmbeddedKafkaBroker start(EmbeddedKafkaConfig config, EmbeddedKafkaSecurity security) {
        return start(config, Optional.of(security));
    }

    private static EmbeddedKafkaBroker start(EmbeddedKafkaConfig config, Optional<EmbeddedKafkaSecurity> security) {
        long started = System.nanoTime();
        Path dataDir = config.dataDir().toAbsolutePath();
        Path logDir = KraftServerProperties.logDir(dataDir);
        formatIfNeeded(logDir);
        RuntimeException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int[] ports = distinctFreePorts(3, config.port());
            int clientPort = config.port() == 0 ? ports[0] : config.port();
            int controllerPort = ports[1];
            int internalPort = security.isPresent() ? ports[2] : clientPort;
            Map<String, String> properties = security
                    .map(secured -> KraftServerProperties.secured(dataDir, clientPort, internalPort, controllerPort,
                            secured))
                    .orElseGet(() -> KraftServerProperties.of(dataDir, clientPort, controllerPort));
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
            try {
                server.startup();
                Map<String, Object> admin = security
                        .map(secured -> SecuredBrokerProvisioner.superUserAdmin(KraftServerProperties.HOST + ":"
                                + internalPort, secured))
                        .orElseGet(() -> Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KraftServerProperties.HOST + ":" + clientPort));
                security.ifPresent(secured -> new SecuredBrokerProvisioner(admin).provision(secured));
                LOG.info("Embedded Kafka broker listening on {}:{} ({}, data {}), started in {} ms",
                        KraftServerProperties.HOST, clientPort, security.isPresent() ? "SASL_SSL, ACLs" : "PLAINTEXT",
                        dataDir, (System.nanoTime() - started) / 1_000_000);
                return new EmbeddedKafkaBroker(server, clientPort, dataDir, admin);
            } catch (RuntimeException e) {
                stop(server);
                lastFailure = e;
                if (!isBindFailure(e)) {
                    break;
                }
                LOG.warn("Embedded Kafka broker failed to start (attempt {} of {}): {}",
                        attempt, START_ATTEMPTS, e.toString());
            }
        }
        throw new IllegalStateException("embedded Kafka broker did not start (data " + dataDir + ")", lastFailure);
    }

    /** {@code host:port} of the client listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return KraftServerProperties.HOST + ":" + clientPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Admin client properties with every right: the client listener for a PLAINTEXT broker; for a secured one, the
     * super user on the loopback internal listener (for tests and for creating topics, users and ACLs).
     */
    public Map<String, Object> adminProperties() {
        return adminProperties;
    }

    /** Stops the broker and waits until all its threads have ended. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stop(server);
            LOG.info("Embedded Kafka broker on {} stopped", bootstrapServers());
        }
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || (t.getMessage() != null && t.getMessage().contains("failed to bind"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes {@code meta.properties} and the bootstrap metadata (what {@code kafka-storage.sh format} does). Skipped
     * when the folder is already formatted: a second format would fail on the cluster id.
     */
    private static void formatIfNeeded(Path logDir) {
        if (Files.exists(logDir.resolve(META_PROPERTIES))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
                    .setNodeId(KraftServerProperties.NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(KraftServerProperties.CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data folder " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + logDir, e);
        }
    }

    /**
     * {@code count} free loopback ports, distinct from each other and from {@code taken}: all sockets stay open until
     * every port is chosen, since the kernel may hand a just-closed ephemeral port out again (two listeners on one
     * port fail the broker's configuration).
     */
    static int[] distinctFreePorts(int count, int taken) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            int chosen = 0;
            while (chosen < count) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(KraftServerProperties.HOST));
                sockets.add(socket);
                if (socket.getLocalPort() != taken) {
                    ports[chosen++] = socket.getLocalPort();
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + KraftServerProperties.HOST, e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    LOG.debug("closing a probe socket failed", e);
                }
            }
        }
    }
}
