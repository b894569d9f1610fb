package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;

/**
 * The listener process itself failing: {@code accept()} refused by the operating system, and an
 * {@link OutOfMemoryError} on an association thread or the outbox's delivery thread. Each must end in recovery or in a non-zero exit, never in a
 * listener that stays up and serves nobody (issue 13).
 */
class ListenerFailureIT {

    private static final String AE = "SPA_GATEWAY";
    private static final String HOST = "127.0.0.1";

    @TempDir
    Path storage;
    @TempDir
    Path studies;
    private final List<Integer> exitStatuses = new CopyOnWriteArrayList<>();
    private DicomListener listener;

    @BeforeAll
    static void requireDcmtk() {
        Dcmtk.requireInstalled("storescu", "echoscu");
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void keepsAcceptingAfterAcceptFailsForWantOfFileDescriptors() throws IOException {
        AtomicInteger failuresLeft = new AtomicInteger(5);
        ServerSocketFactory exhausted = new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return new ServerSocket() {
                    @Override
                    public Socket accept() throws IOException {
                        Socket socket = super.accept();
                        if (failuresLeft.getAndDecrement() > 0) {
                            socket.close();
                            throw new IOException("Too many open files");
                        }
                        return socket;
                    }
                };
            }

            @Override
            public ServerSocket createServerSocket(int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) {
                throw new UnsupportedOperationException();
            }
        };
        start(PartFileOpener.PAGE_CACHE, exhausted);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> Dcmtk.echoscu("ECHOSCU", AE, HOST, listener.port(), "-ta", "5").succeeded());

        assertThat(failuresLeft.get()).as("every injected accept() failure happened").isNegative();
        assertThat(exitStatuses).isEmpty();
        assertThat(listener.health().up()).as(listener.health().detail()).isTrue();
    }

    @Test
    void exitsWithStatusThreeWhenAnAssociationRunsOutOfMemory() throws IOException {
        PartFileOpener heapExhausted = part -> {
            throw new OutOfMemoryError("Java heap space (injected)");
        };
        start(heapExhausted, ServerSocketFactory.getDefault());
        GeneratedStudy study = new SyntheticStudyGenerator().generate(StudySpec.of(DemoTask.CT, 1, 41),
                Files.createTempDirectory(studies, "study"));

        Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), study.files(), "-ta", "10");

        await().atMost(Duration.ofSeconds(10)).until(() -> exitStatuses.equals(List.of(FatalErrorExit.STATUS)));
    }

    @Test
    void exitsWithStatusThreeWhenTheOutboxRunsOutOfMemory() throws IOException {
        start(PartFileOpener.PAGE_CACHE, ServerSocketFactory.getDefault(), event -> {
            throw new OutOfMemoryError("Java heap space (injected)");
        });
        GeneratedStudy study = new SyntheticStudyGenerator().generate(StudySpec.of(DemoTask.CT, 1, 42),
                Files.createTempDirectory(studies, "study"));

        Dcmtk.Result sent = Dcmtk.storescu("STORESCU", AE, HOST, listener.port(), study.files(), "-ta", "10");

        assertThat(sent.succeeded()).as(sent.output()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> exitStatuses.equals(List.of(FatalErrorExit.STATUS)));
    }

    @Test
    void theRealExitHaltsTheJvmWithStatusThree() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                HaltingChild.class.getName()).redirectErrorStream(true).start();
        try (OutputStream ignored = child.getOutputStream()) {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM ended").isTrue();
        }
        String output = new String(child.getInputStream().readAllBytes());

        assertThat(child.exitValue()).as(output).isEqualTo(FatalErrorExit.STATUS);
        assertThat(output).doesNotContain("not halted");
    }

    private void start(PartFileOpener opener, ServerSocketFactory serverSockets) throws IOException {
        start(opener, serverSockets, event -> { });
    }

    private void start(PartFileOpener opener, ServerSocketFactory serverSockets, StudyReceivedSink sink)
            throws IOException {
        Map<String, String> properties = new HashMap<>(Map.of(
                "spa.listener.ae-title", AE,
                "spa.listener.port", "0",
                "spa.listener.storage-root", storage.toString(),
                "spa.listener.calling-aes", "STORESCU@127.0.0.1,ECHOSCU",
                "spa.listener.completeness.quiet-period", "10m"));
        listener = new DicomListener(ListenerConfig.from(ConfigSource.of(properties)), sink,
                Clock.systemUTC(), opener, serverSockets, new FatalErrorExit(exitStatuses::add));
        listener.start();
    }

    /** Runs in a child JVM: the listener's real fatal-error exit. */
    static final class HaltingChild {
        public static void main(String[] args) {
            FatalErrorExit.halting().exit("a test association", new OutOfMemoryError("injected"));
            System.out.println("not halted");
            System.exit(0);
        }
    }
}
