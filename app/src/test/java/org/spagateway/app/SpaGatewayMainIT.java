package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command the README starts with: the all-in-one default, its demo study, and a clean exit. */
class SpaGatewayMainIT {

    @TempDir
    Path work;

    @AfterEach
    void clearProperties() {
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("spa."))
                .forEach(System::clearProperty);
    }

    @Test
    void allInOneDefaultRunsTheDemoStudyThroughAndExitsCleanly() {
        System.setProperty("spa.kafka.embedded.data-dir", work.resolve("kafka").toString());
        System.setProperty("spa.kafka.embedded.port", "0");
        System.setProperty("spa.listener.port", "0");
        System.setProperty("spa.listener.storage-root", work.resolve("dicom").toString());
        System.setProperty("spa.demo.exit-after", "true");
        System.setProperty("spa.demo.work-dir", work.resolve("demo").toString());
        System.setProperty("spa.worker.model.fundus-optic-cup",
                AllInOneGatewayIT.MODELS.resolve("spa-optic-cup.params").toString());
        System.setProperty("spa.worker.model.ct-lung-nodule",
                AllInOneGatewayIT.MODELS.resolve("spa-nodule.params").toString());
        System.setProperty("spa.worker.output-root", work.resolve("results").toString());
        System.setProperty("spa.sessions.root", work.resolve("sessions").toString());
        System.setProperty("spa.profiles.state-dir", work.resolve("profiles").toString());
        System.setProperty("spa.choices.port", "0");
        System.setProperty("spa.health.port", "0");
        System.setProperty(AllInOneConfig.FHIR_EMBEDDED, "false");
        System.setProperty(AllInOneConfig.FHIR_ADAPTER, "false");
        Set<String> threadsBefore = GatewayThreads.nonDaemon();
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        int exitCode = SpaGatewayMain.run(new String[0], new PrintStream(output, true, StandardCharsets.UTF_8));

        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(printed).isZero();
        assertThat(printed).contains("SYNTHETIC FUNDUS study", "StudyReceived v1 from SPA_DEMO",
                "InferenceRequested task fundus-optic-cup", "CandidatesReady round 1 of session spa-",
                "SEG stored: " + work.resolve("results"), "Look at it: dcmdump",
                "a SIMULATED clinician (demo-clinician) chooses", "CandidatesReady round 2",
                "ChoiceApplied round 1 CANDIDATE candidate 1", "SessionApproved round 2 by demo-clinician",
                "ProfileUpdated demo-clinician / fundus-optic-cup version 1",
                "ProfileUpdated demo-clinician / fundus-optic-cup version 2",
                "Candidate picker (clinicians): http://127.0.0.1:");
        assertThat(GatewayThreads.nonDaemon()).as("threads left behind").isSubsetOf(threadsBefore);
    }

    @Test
    void invalidOptionIsReportedWithItsKeyAndExitCodeTwo() {
        System.setProperty("spa.listener.port", "not-a-port");
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        int exitCode = SpaGatewayMain.run(new String[0], new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(exitCode).isEqualTo(2);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("spa.listener.port", "SPA_LISTENER_PORT");
    }
}
