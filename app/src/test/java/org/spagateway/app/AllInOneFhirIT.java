package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;

/**
 * The all-in-one default with FHIR on: the embedded HAPI FHIR JPA server on an H2 file database and the FHIR adapter
 * in the same JVM. A study sent with storescu is recorded as one ImagingStudy with one import AuditEvent, the query the
 * demo prints finds them, and the gateway stops without leaving threads behind.
 */
class AllInOneFhirIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String DICOM_UID_SYSTEM = "urn:dicom:uid";
    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";

    @TempDir
    Path work;

    @Test
    void studyFromStorescuIsRecordedOnceInTheEmbeddedFhirServerAndTheGatewayStopsCleanly() throws Exception {
        Set<String> threadsBefore = GatewayThreads.nonDaemon();
        GeneratedStudy study = new SyntheticStudyGenerator()
                .generate(StudySpec.of(DemoTask.CT, 3, 43).withSize(128), work.resolve("sent"));
        String oid = "urn:oid:" + study.studyInstanceUid();
        ConfigSource config = AllInOneGatewayIT.testConfig(work).with(Map.of(
                AllInOneConfig.FHIR_EMBEDDED, "true",
                AllInOneConfig.FHIR_ADAPTER, "true",
                "spa.fhir.server.port", "0",
                "spa.fhir.server.jdbc-url", "jdbc:h2:file:" + work.resolve("fhir/h2"),
                "spa.fhir.retry-delay", "500ms",
                "spa.worker.enabled", "false"));

        try (AllInOneGateway gateway = AllInOneGateway.start(config)) {
            assertThat(gateway.fhirServerEmbedded()).isTrue();
            assertThat(gateway.fhirAdapterRunning()).isTrue();
            String base = gateway.fhirBaseUrl().orElseThrow();
            assertThat(base).startsWith("http://127.0.0.1:").endsWith("/fhir");
            FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
            IGenericClient client = FHIR.newRestfulGenericClient(base);

            Dcmtk.Result sent = Dcmtk.storescu("STORESCU", gateway.dicomAeTitle(), "127.0.0.1", gateway.dicomPort(),
                    study.files());
            assertThat(sent.succeeded()).as(sent.output()).isTrue();

            List<ImagingStudy> studies = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> imagingStudies(client, oid), found -> !found.isEmpty());
            assertThat(studies).hasSize(1);
            ImagingStudy imagingStudy = studies.get(0);
            assertThat(imagingStudy.getNumberOfInstances()).isEqualTo(3);
            List<AuditEvent> audits = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> importAudits(client, imagingStudy), found -> !found.isEmpty());
            assertThat(audits).hasSize(1);
            assertThat(audits.get(0).getAgent()).anySatisfy(agent ->
                    assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("STORESCU"));

            // The plain-HTTP queries the demo prints find the same records, once each.
            assertThat(total(base + "/ImagingStudy?identifier=" + oid)).isEqualTo(1);
            assertThat(total(base + "/AuditEvent?entity:ImagingStudy.identifier=" + oid)).isEqualTo(1);

            // Still once, throughout, while the listener's and the adapter's work settles.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> imagingStudies(client, oid).size() == 1
                            && importAudits(client, imagingStudy).size() == 1);
        }

        assertThat(GatewayThreads.nonDaemon()).as("threads left behind").isSubsetOf(threadsBefore);
    }

    private static List<ImagingStudy> imagingStudies(IGenericClient client, String oid) {
        Bundle bundle = client.search().forResource(ImagingStudy.class)
                .where(ImagingStudy.IDENTIFIER.exactly().systemAndIdentifier(DICOM_UID_SYSTEM, oid))
                .cacheControl(new CacheControlDirective().setNoCache(true))
                .returnBundle(Bundle.class).execute();
        return bundle.getEntry().stream().map(e -> (ImagingStudy) e.getResource()).toList();
    }

    /** AuditEvents "DICOM Instances Transferred" (DCM 110104) whose entity is the ImagingStudy. */
    private static List<AuditEvent> importAudits(IGenericClient client, ImagingStudy study) {
        Bundle bundle = client.search().forResource(AuditEvent.class)
                .where(AuditEvent.ENTITY.hasId(study.getIdElement().toUnqualifiedVersionless()))
                .where(AuditEvent.TYPE.exactly().systemAndCode(DCM, "110104"))
                .cacheControl(new CacheControlDirective().setNoCache(true))
                .returnBundle(Bundle.class).execute();
        return bundle.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
    }

    /** Bundle.total of a plain HTTP search, as curl would send it. */
    private static int total(String searchUrl) throws Exception {
        int query = searchUrl.indexOf('?');
        StringBuilder encoded = new StringBuilder(searchUrl.substring(0, query + 1));
        for (String parameter : searchUrl.substring(query + 1).split("&")) {
            int eq = parameter.indexOf('=');
            encoded.append(parameter, 0, eq + 1)
                    .append(URLEncoder.encode(parameter.substring(eq + 1), StandardCharsets.UTF_8)).append('&');
        }
        encoded.append("_total=accurate");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(encoded.toString())).header("Accept", "application/fhir+json")
                        .header("Cache-Control", "no-cache").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
        return bundle.getEntry().size();
    }
}
