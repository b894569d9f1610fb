package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.dicom.seg.SegmentationReader;
import org.spagateway.dicom.seg.StoredSegmentation;
import org.spagateway.events.CandidateSummary;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventType;
import org.spagateway.events.SessionApproved;
import org.spagateway.events.Topic;
import org.spagateway.fhir.adapter.AuditQueries;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.test.harness.HeadlessChromium;
import org.spagateway.test.harness.OrthancProcess;
import org.spagateway.test.harness.TestIdentityProvider;

/**
 * The clinician's side of a whole session, in a real browser: a study sent with storescu is routed and segmented by
 * the all-in-one's worker; a clinician signed in with a bearer JWT from an identity provider opens the picker page
 * (Debian's headless chromium), finds the session in her worklist, sees round 1 with each candidate painted exactly
 * where the worker's SEG has it, presses 2 and gets round 2 from the worker without a reload, presses A, and the
 * final SEG lands in Orthanc while the FHIR server names her as the one who approved it. The screenshots are the
 * README's and docs/picker.md's pictures (target/picker-screenshots/).
 */
class CandidatePickerSessionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec CODEC = new EventCodec();
    private static final Duration WAIT = Duration.ofMinutes(2);
    /** The source grid equals the small multiples' CSS size (picker.css): one screen pixel per SEG pixel. */
    private static final int GRID = 192;
    /** Okabe-Ito orange, sky blue, bluish green, reddish purple: candidates 1..4 (overlay.js). */
    private static final int[] CANDIDATE_COLOURS = {0xE69F00, 0x56B4E9, 0x009E73, 0xCC79A7};
    /** Per channel; the fills are opaque, so the browser paints the palette's colours (see CandidatePickerPageIT). */
    private static final int COLOUR_TOLERANCE = 8;
    /** Painted pixels within 2 % of the segment's area: an edge row rounded differently, never a wrong mask. */
    private static final double AREA_TOLERANCE = 0.02;
    private static final Path SCREENSHOTS = Path.of("target", "picker-screenshots");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    @Test
    void aClinicianSignedInWithAJwtTakesARoutedStudyToAnApprovedSegInThePacsFromThePage() throws Exception {
        TestIdentityProvider identityProvider = TestIdentityProvider.create("picker-it");
        Path jwks = identityProvider.writeJwks(Files.createDirectories(work.resolve("idp")).resolve("jwks.json"));
        GeneratedStudy study = new SyntheticStudyGenerator()
                .generate(StudySpec.of(DemoTask.FUNDUS, 1, 23).withSize(GRID), work.resolve("sent"));
        String studyUid = study.studyInstanceUid();

        try (OrthancProcess orthanc = OrthancProcess.start(work.resolve("orthanc"), "ORTHANC", null);
             AllInOneGateway gateway = AllInOneGateway.start(config(orthanc.dicomPort(), jwks));
             EventTail tail = new EventTail(gateway.bootstrapServers(), List.of(Topic.CANDIDATES_READY,
                     Topic.SESSION_APPROVED, Topic.DEAD_LETTER));
             HeadlessChromium browser = HeadlessChromium.start()) {
            Dcmtk.Result sent = Dcmtk.storescu("STORESCU", gateway.dicomAeTitle(), "127.0.0.1", gateway.dicomPort(),
                    study.files());
            assertThat(sent.succeeded()).as(sent.output()).isTrue();
            CandidatesReady round1 = awaitData(tail, Topic.CANDIDATES_READY, EventType.CANDIDATES_READY,
                    (CandidatesReady ready) -> ready.studyInstanceUid().equals(studyUid) && ready.round() == 1);
            String session = round1.sessionId();

            // Signed in by the URL fragment (never sent to the server): the routed session is in her worklist.
            browser.open(gateway.choiceApiUri().orElseThrow() + "/picker/#token="
                    + identityProvider.clinician("dr-rivera"));
            WebElement row = waitFor().until(() -> browser.driver().findElements(
                    By.cssSelector("tr[data-session-id='" + session + "']")), rows -> !rows.isEmpty()).get(0);
            assertThat(row.getText()).contains("fundus-optic-cup");
            assertThat(browser.driver().findElement(By.id("who")).getText()).contains("dr-rivera");
            Files.createDirectories(SCREENSHOTS);
            browser.saveScreenshot(SCREENSHOTS.resolve("picker-worklist-fundus.png"));

            row.findElement(By.tagName("button")).click();
            awaitRound(browser, 1);
            showFillsOpaque(browser);
            // The optic cup is a small structure: the large view zooms to the segmentations (a square inside the
            // image, twice their extent), the small multiples show the whole image.
            String[] region = browser.driver().findElement(By.id("large")).getDomAttribute("data-region").split(",");
            assertThat(region).hasSize(4);
            assertThat(Integer.parseInt(region[2])).isEqualTo(Integer.parseInt(region[3])).isBetween(32, GRID / 2);
            browser.saveScreenshot(SCREENSHOTS.resolve("picker-session-fundus.png"));
            assertCandidatesArePaintedAsTheSegHasThem(browser, round1);

            // Press 2: the worker's round 2 appears without a reload.
            browser.driver().executeScript("window.notReloaded = true;");
            browser.driver().findElement(By.tagName("body")).sendKeys("2");
            CandidatesReady round2 = awaitData(tail, Topic.CANDIDATES_READY, EventType.CANDIDATES_READY,
                    (CandidatesReady ready) -> ready.sessionId().equals(session) && ready.round() == 2);
            awaitRound(browser, 2);
            assertThat(browser.driver().executeScript("return window.notReloaded === true;")).isEqualTo(true);
            assertThat(browser.driver().findElement(By.id("timing")).getText())
                    .matches("Round 2 shown \\d+\\.\\d\\d s after the choice was sent\\.");
            assertCandidatesArePaintedAsTheSegHasThem(browser, round2);

            // Press A: the final SEG, approved by her, is in the PACS, and FHIR says so.
            browser.driver().findElement(By.tagName("body")).sendKeys("a");
            SessionApproved approved = awaitData(tail, Topic.SESSION_APPROVED, EventType.SESSION_APPROVED,
                    (SessionApproved event) -> event.sessionId().equals(session));
            assertThat(approved.round()).isEqualTo(2);
            assertThat(approved.approvedBy().id()).isEqualTo("dr-rivera");
            assertThat(approved.approvedBy().system()).isEqualTo(TestIdentityProvider.SYSTEM);
            waitFor().until(() -> browser.driver().findElement(By.id("status")).getText(),
                    status -> status.startsWith("Session approved"));
            String finalSeg = approved.segmentation().sopInstanceUid();
            await().atMost(WAIT).untilAsserted(() -> assertThat(orthanc.instanceId(finalSeg)).isPresent());
            String fhir = gateway.fhirBaseUrl().orElseThrow() + "/";
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode bundle = JSON.readTree(get(fhir + AuditQueries.producerOfSeg(finalSeg)));
                List<String> practitioners = new ArrayList<>();
                bundle.path("entry").forEach(entry -> {
                    JsonNode resource = entry.path("resource");
                    if (resource.path("resourceType").asText().equals("Practitioner")) {
                        resource.path("identifier").forEach(id -> practitioners.add(
                                id.path("system").asText() + "|" + id.path("value").asText()));
                    }
                });
                assertThat(practitioners).containsExactly(TestIdentityProvider.SYSTEM + "|dr-rivera");
            });
            records.addAll(tail.poll(Duration.ofMillis(200)));
            assertThat(records).noneMatch(r -> r.topic().equals(Topic.DEAD_LETTER.name()));
        }
    }

    /** Each candidate's small multiple, counted in a screenshot, covers its segment of the worker's SEG file. */
    private static void assertCandidatesArePaintedAsTheSegHasThem(HeadlessChromium browser, CandidatesReady round)
            throws Exception {
        StoredSegmentation seg;
        try (InputStream in = Files.newInputStream(Path.of(URI.create(round.segmentation().location())))) {
            seg = new SegmentationReader().read(in);
        }
        assertThat(seg.columns()).isEqualTo(GRID);
        for (CandidateSummary candidate : round.candidates()) {
            int rank = candidate.rank();
            BufferedImage shot = browser.screenshot(browser.driver().findElement(By.cssSelector(
                    "button.candidate[data-rank='" + rank + "'] canvas")));
            long painted = HeadlessChromium.countPixels(shot, new Color(CANDIDATE_COLOURS[rank - 1]),
                    COLOUR_TOLERANCE);
            int area = seg.segment(candidate.segmentNumber()).orElseThrow().areaPixels();
            assertThat(shot.getWidth()).isEqualTo(GRID);
            assertThat((double) painted).as("round %d candidate %d: painted pixels vs the SEG segment's area",
                    round.round(), rank).isCloseTo(area, within(area * AREA_TOLERANCE));
        }
    }

    private ConfigSource config(int orthancDicomPort, Path jwks) throws Exception {
        return AllInOneGatewayIT.testConfig(work).with(Map.of(
                "spa.export.destinations", "pacs",
                "spa.export.destination.pacs.ae-title", "ORTHANC",
                "spa.export.destination.pacs.host", "127.0.0.1",
                "spa.export.destination.pacs.port", String.valueOf(orthancDicomPort),
                "spa.listener.completeness.expected-count.modality.OP", "1")).with(Map.of(
                "spa.choices.auth.mode", "jwt",
                "spa.choices.jwt.jwks", jwks.toString(),
                "spa.choices.jwt.issuer", TestIdentityProvider.ISSUER,
                "spa.choices.jwt.audience", TestIdentityProvider.AUDIENCE,
                "spa.choices.jwt.clinician-system", TestIdentityProvider.SYSTEM)).with(Map.of(
                AllInOneConfig.FHIR_EMBEDDED, "true",
                AllInOneConfig.FHIR_ADAPTER, "true",
                "spa.fhir.server.port", "0",
                "spa.fhir.server.jdbc-url", "jdbc:h2:file:" + work.resolve("fhir/h2"),
                "spa.fhir.retry-delay", "500ms"));
    }

    /** Full opacity through the page's own slider (End key), so the fills are the palette's exact colours. */
    private static void showFillsOpaque(HeadlessChromium browser) {
        WebElement opacity = browser.driver().findElement(By.id("opacity"));
        opacity.sendKeys(Keys.END);
        waitFor().until(() -> opacity.getDomProperty("value"), "100"::equals);
    }

    private static void awaitRound(HeadlessChromium browser, int round) {
        waitFor().until(() -> browser.driver().findElement(By.id("session")).getDomAttribute("data-round"),
                String.valueOf(round)::equals);
        waitFor().until(() -> browser.driver().findElements(By.cssSelector("button.candidate canvas")).size() == 4);
    }

    private <T> T awaitData(EventTail tail, Topic topic, EventType type, Predicate<T> wanted) {
        return await().atMost(WAIT).until(() -> {
            records.addAll(tail.poll(Duration.ofMillis(200)));
            return records.stream().filter(r -> r.topic().equals(topic.name()))
                    .map(r -> CODEC.<T>decode(r.value(), type).data()).filter(wanted).findFirst().orElse(null);
        }, found -> found != null);
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/fhir+json").header("Cache-Control", "no-cache").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static ConditionFactory waitFor() {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions();
    }
}
