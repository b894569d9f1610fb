package org.spagateway.fhir.embedded;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.spagateway.configuration.ServerKeyStore;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A HAPI FHIR JPA server (R4) running in this JVM: HAPI's Spring configuration in a plain
 * {@link AnnotationConfigApplicationContext} (no Spring Boot), its {@link RestfulServer} mounted in Jetty 12 on
 * 127.0.0.1 under {@value FhirServerConfig#BASE_PATH}. Nothing of Spring leaks out of this class.
 *
 * <p>Whoever starts it must {@link #close()} it: Jetty's and HAPI's scheduler threads are not daemon threads.
 */
public final class EmbeddedFhirServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFhirServer.class);
    static final String HOST = "127.0.0.1";
    private static final int MAX_HTTP_THREADS = 16;

    private final AnnotationConfigApplicationContext spring;
    private final Server jetty;
    private final int port;
    private final String scheme;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedFhirServer(AnnotationConfigApplicationContext spring, Server jetty, int port, String scheme) {
        this.spring = spring;
        this.jetty = jetty;
        this.port = port;
        this.scheme = scheme;
    }

    /**
     * Starts the server and returns once it answers requests.
     *
     * @param fhirContext the JVM's one R4 context; the server configures its parser options as HAPI's JPA server needs
     */
    public static EmbeddedFhirServer start(FhirServerConfig config, FhirContext fhirContext) {
        if (fhirContext.getVersion().getVersion() != FhirVersionEnum.R4) {
            throw new IllegalArgumentException("the embedded server is R4, not " + fhirContext.getVersion().getVersion());
        }
        long started = System.nanoTime();
        AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
        Server jetty = null;
        try {
            spring.registerBean(FhirServerConfig.class, () -> config);
            spring.registerBean(SharedFhirContext.class, () -> new SharedFhirContext(fhirContext));
            spring.register(JpaServerSpringConfig.class);
            spring.refresh();
            jetty = jetty(config, spring.getBean(RestfulServer.class));
            jetty.start();
            int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
            EmbeddedFhirServer server = new EmbeddedFhirServer(spring, jetty, port,
                    config.tls().isPresent() ? "https" : "http");
            LOG.info("Embedded FHIR server at {} on {} started in {} ms", server.baseUrl(),
                    StorageDialect.forJdbcUrl(config.jdbcUrl()), (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (Exception e) {
            stopQuietly(jetty);
            spring.close();
            throw new IllegalStateException("embedded FHIR server did not start (" + config + ")", e);
        }
    }

    private static Server jetty(FhirServerConfig config, RestfulServer restfulServer) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_HTTP_THREADS);
        threads.setName("fhir-http");
        Server jetty = new Server(threads);
        ServerConnector connector = config.tls().map(keyStore -> httpsConnector(jetty, keyStore))
                .orElseGet(() -> new ServerConnector(jetty));
        connector.setHost(HOST);
        connector.setPort(config.port());
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder("fhir", restfulServer);
        holder.setInitOrder(0);
        context.addServlet(holder, FhirServerConfig.BASE_PATH + "/*");
        jetty.setHandler(context);
        jetty.setStopTimeout(5_000);
        return jetty;
    }

    /** HTTPS only, TLS 1.3 and 1.2. */
    private static ServerConnector httpsConnector(Server jetty, ServerKeyStore keyStore) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(keyStore.serverContext());
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration https = new HttpConfiguration();
        https.addCustomizer(new SecureRequestCustomizer());
        return new ServerConnector(jetty, new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
    }

    /** For example {@code http://127.0.0.1:43127/fhir}, or https when the server has a key store. */
    public String baseUrl() {
        return scheme + "://" + HOST + ":" + port + FhirServerConfig.BASE_PATH;
    }

    public int port() {
        return port;
    }

    /** Stops Jetty (in-flight requests get a few seconds), then HAPI's schedulers, the JPA layer and the pool. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopQuietly(jetty);
        spring.close();
        LOG.info("Embedded FHIR server on port {} stopped", port);
    }

    private static void stopQuietly(Server jetty) {
        if (jetty == null) {
            return;
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Stopping Jetty failed", e);
        }
    }
}
