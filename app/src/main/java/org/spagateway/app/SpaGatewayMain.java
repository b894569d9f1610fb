package org.spagateway.app;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;

/**
 * Command-line entry point of the all-in-one default: {@code java -jar spa-gateway-app.jar [--config FILE]}.
 * Configuration layers, lowest first: the built-in all-in-one profile, the file, {@code -Dspa.*} system properties,
 * {@code SPA_*} environment variables.
 */
public final class SpaGatewayMain {

    static final String PROFILE = "/spa-gateway-all-in-one.properties";

    private SpaGatewayMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the gateway until interrupted (or until the demo ends, if so configured); returns the exit code. */
    static int run(String[] args, PrintStream out) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Optional<Path> configFile;
        try {
            configFile = configFile(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("usage: spa-gateway [--config FILE]");
            return 2;
        }
        ConfigSource source;
        AllInOneConfig config;
        try {
            source = ConfigSource.load(builtInProfile(), configFile);
            config = AllInOneConfig.from(source);
        } catch (ConfigException | IOException e) {
            out.println(e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (AllInOneGateway gateway = AllInOneGateway.start(source)) {
            Thread hook = new Thread(() -> {
                gateway.close();
                stopped.countDown();
            }, "spa-gateway-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            boolean demoOk = true;
            if (config.demoEnabled()) {
                demoOk = new DemoStudy(gateway, config, out).run();
            }
            out.printf("%nspa-gateway is running: %sKafka %s%s%s.%n", gateway.listenerRunning()
                    ? String.format("DICOM %s@%s:%d, ", gateway.dicomAeTitle(), gateway.dicomHost(),
                    gateway.dicomPort()) : "", gateway.bootstrapServers(),
                    gateway.fhirBaseUrl().map(url -> ", FHIR " + url).orElse(""),
                    gateway.choiceApiUri().map(url -> ", choice API " + url).orElse(""));
            gateway.pickerUri().ifPresent(uri -> out.printf("Candidate picker (clinicians): %s%n", uri));
            if (config.exitAfterDemo()) {
                Runtime.getRuntime().removeShutdownHook(hook);
                return demoOk ? 0 : 1;
            }
            if (gateway.listenerRunning()) {
                out.printf("Send studies with: storescu -aet STORESCU -aec %s %s %d FILES...%n",
                        gateway.dicomAeTitle(), gateway.dicomHost(), gateway.dicomPort());
            }
            out.printf("Ctrl-C stops it.%n");
            stopped.await();
            return 0;
        } catch (ConfigException e) {
            out.println(e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (Exception e) {
            out.println("spa-gateway failed: " + e);
            return 1;
        }
    }

    private static Optional<Path> configFile(String[] args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        if (args.length == 2 && "--config".equals(args[0])) {
            return Optional.of(Path.of(args[1]));
        }
        throw new IllegalArgumentException("unknown arguments: " + String.join(" ", args));
    }

    static Map<String, String> builtInProfile() throws IOException {
        try (Reader reader = new InputStreamReader(SpaGatewayMain.class.getResourceAsStream(PROFILE),
                StandardCharsets.UTF_8)) {
            return ConfigSource.readProperties(reader);
        }
    }
}
