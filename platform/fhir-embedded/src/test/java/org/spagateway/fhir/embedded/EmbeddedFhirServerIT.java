package org.spagateway.fhir.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JPA server starts in-process on H2, stores and returns a resource, and leaves no thread behind when closed. */
class EmbeddedFhirServerIT {

    private static final Duration THREAD_SETTLE_TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path data;

    @Test
    void storesAndReturnsADeviceAndLeavesNoNonDaemonThreadWhenClosed() throws InterruptedException {
        Set<Thread> before = nonDaemonThreads();
        FhirContext fhir = FhirContext.forR4Cached();
        IdType id;
        try (EmbeddedFhirServer server = EmbeddedFhirServer.start(
                FhirServerConfig.h2("jdbc:h2:file:" + data.resolve("fhir")), fhir)) {
            assertThat(server.baseUrl()).startsWith("http://127.0.0.1:").endsWith("/fhir");
            IGenericClient client = fhir.newRestfulGenericClient(server.baseUrl());
            Device device = new Device();
            device.addIdentifier().setSystem("urn:spa-gateway:model").setValue("spa-small:1.0.0");
            device.addDeviceName().setName("SPA segmentation model")
                    .setType(org.hl7.fhir.r4.model.Device.DeviceNameType.MODELNAME);

            MethodOutcome outcome = client.create().resource(device).execute();
            id = (IdType) outcome.getId();
            Device read = client.read().resource(Device.class).withId(id.toUnqualifiedVersionless()).execute();

            assertThat(outcome.getCreated()).isTrue();
            assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo("spa-small:1.0.0");
            assertThat(read.getDeviceNameFirstRep().getName()).isEqualTo("SPA segmentation model");
        }
        assertThat(awaitNoNewNonDaemonThreads(before)).as("non-daemon threads left after close").isEmpty();
    }

    /** Threads stopping after close() finish on their own schedule: poll until they are gone or time runs out. */
    private static Set<String> awaitNoNewNonDaemonThreads(Set<Thread> before) throws InterruptedException {
        Instant deadline = Instant.now().plus(THREAD_SETTLE_TIMEOUT);
        Set<Thread> left = newThreads(before);
        while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
            for (Thread thread : left) {
                thread.join(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
            }
            left = newThreads(before);
        }
        return left.stream().map(Thread::getName).collect(Collectors.toSet());
    }

    private static Set<Thread> newThreads(Set<Thread> before) {
        Set<Thread> now = nonDaemonThreads();
        now.removeAll(before);
        return now;
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.isDaemon())
                .collect(Collectors.toSet());
    }
}
