package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.dicom.seg.CandidateSetSegmentation;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.SessionApproved;
import org.spagateway.events.Topic;
import org.spagateway.kafka.embedded.EmbeddedKafkaBroker;
import org.spagateway.kafka.embedded.EmbeddedKafkaConfig;
import org.spagateway.kafka.embedded.TopicInitializer;
import org.spagateway.kafka.support.KafkaConfig;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.sessions.SessionView;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.test.harness.HeadlessChromium;
import org.spagateway.test.harness.TopicReader;

/**
 * The candidate picker in a real browser (Debian's headless chromium) against the real reporting API, a real Kafka
 * broker and real DICOM objects: a synthetic CT written by the study generator and per round a BINARY SEG written by
 * the project's SEG writer. The test plays the inference worker (it stores rounds in the ledger and publishes their
 * CandidatesReady) and checks what the page shows against the SEG, what the choices record, and that the next round
 * arrives without a reload. Screenshots go to target/picker-screenshots/ (the docs' pictures).
 */
class CandidatePickerPageIT {

    private static final String TOKEN = "it-picker-token-0123456789";
    private static final EventCodec CODEC = new EventCodec();
    /** The source grid and the thumbnails' CSS size (picker.css): one screen pixel per source pixel. */
    private static final int GRID = 192;
    private static final int THUMBNAIL = 192;
    /** Okabe-Ito orange, sky blue, bluish green, reddish purple: candidates 1..4 (overlay.js). */
    private static final int[] CANDIDATE_COLOURS = {0xE69F00, 0x56B4E9, 0x009E73, 0xCC79A7};
    /**
     * Per-channel tolerance of a candidate's fill in the screenshot (the fill is opaque at 100 %, so the browser
     * paints the exact colour; 8 leaves room for a colour conversion by one step), and the relative tolerance of the
     * count: at one screen pixel per mask pixel the count should be the area itself; 2 % allows for an edge row or
     * column the compositor rounds differently (a wrong mask, scale or segment is off by far more).
     */
    private static final int COLOUR_TOLERANCE = 8;
    private static final double AREA_TOLERANCE = 0.02;
    private static final Path SCREENSHOTS = Path.of("target", "picker-screenshots");
    /** What was counted, written beside the screenshots. */
    private static final StringBuilder COUNTS = new StringBuilder();

    @TempDir
    static Path work;

    private static EmbeddedKafkaBroker broker;
    private static SessionLedger ledger;
    private static PickerFixtures fixtures;
    private static RunningReportingApi runtime;
    private static TopicReader topics;
    private static String baseUri;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaConfig(work.resolve("kafka"), 0));
        TopicInitializer.forBootstrapServers(broker.bootstrapServers()).createMissing(Topic.all());
        topics = new TopicReader(broker.bootstrapServers());
        ledger = SessionLedgerConfig.embedded(work.resolve("sessions")).ledger();
        fixtures = new PickerFixtures(work, ledger);
        ChoiceApiConfig choices = ChoiceApiConfig.from(ConfigSource.of(Map.of(
                ChoiceApiConfig.PORT, "0",
                ChoiceApiConfig.API_TOKEN, TOKEN,
                ChoiceApiConfig.READ_TIMEOUT, "5s",
                EventStreamConfig.HEARTBEAT, "2s")));
        runtime = RunningReportingApi.start(KafkaConfig.forBootstrapServers(broker.bootstrapServers()), ledger,
                choices, NotificationConfig.from(ConfigSource.of(Map.of())));
        baseUri = runtime.choiceApiUri().orElseThrow();
        assertThat(runtime.api().awaitLiveEvents(Duration.ofSeconds(30))).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.writeString(SCREENSHOTS.resolve("overlay-counts.txt"), COUNTS);
        if (runtime != null) {
            runtime.close();
        }
        if (ledger != null) {
            ledger.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aClinicianPicksApprovesAndSeesEachRoundAsTheSegHasIt() throws Exception {
        PickerFixtures.Session session = fixtures.open("ct-page", DemoTask.CT, GRID, LedgerFixtures.RIVERA);
        fixtures.addRound(session, 1);

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            // Signed in by the URL fragment, which never reaches the server and is removed from the address.
            browser.open(runtime.api().pickerUri().orElseThrow() + "#token=" + TOKEN);
            WebElement row = waitFor().until(() -> browser.driver().findElements(
                    By.cssSelector("tr[data-session-id='" + session.id() + "']")), rows -> !rows.isEmpty()).get(0);
            assertThat(browser.driver().getCurrentUrl()).doesNotContain("token");
            assertThat(row.getText()).contains("ct-lung-nodule", "CT", "dr-rivera");
            browser.saveScreenshot(SCREENSHOTS.resolve("picker-worklist.png"));

            row.findElement(By.tagName("button")).click();
            awaitRound(browser, 1);
            showFillsOpaque(browser);
            browser.saveScreenshot(SCREENSHOTS.resolve("picker-session.png"));
            assertCandidatesMatchTheSeg(browser, session, 1);
            assertThat(text(browser, "candidates")).contains("Candidate 1\n20 of 48 samples",
                    "Candidate 4\n5 of 48 samples");

            // Press 2: the choice is recorded and the next round requested.
            browser.driver().executeScript("window.notReloaded = true;");
            browser.driver().findElement(By.tagName("body")).sendKeys("2");
            ChoiceRecord first = waitFor().until(() -> ledger.find(session.id()).orElseThrow().choices().get(1),
                    choice -> choice != null);
            assertThat(first.decision()).isEqualTo(ChoiceDecision.CANDIDATE);
            assertThat(first.candidateRank()).isEqualTo(2);
            assertThat(first.clinician().id()).isEqualTo("dr-rivera");
            waitFor().until(() -> requests(session).stream().anyMatch(r -> r.data().continuation() != null
                    && r.data().continuation().fromRound() == 1 && r.data().continuation().candidateRank() == 2));

            // The worker's round 2 arrives on Kafka: the page shows it without a reload, with the time it took.
            publish(Topic.CANDIDATES_READY, session.id(), fixtures.addRound(session, 2));
            awaitRound(browser, 2);
            assertThat(browser.driver().executeScript("return window.notReloaded === true;")).isEqualTo(true);
            assertThat(text(browser, "timing")).matches("Round 2 shown \\d+\\.\\d\\d s after the choice was sent\\.");
            assertCandidatesMatchTheSeg(browser, session, 2);

            // A round the page has not seen yet makes its choice stale: the page says so and shows the latest.
            fixtures.addRound(session, 3);
            browser.driver().findElement(By.tagName("body")).sendKeys("1");
            waitFor().until(() -> text(browser, "alert"), alert -> alert.contains("superseded"));
            awaitRound(browser, 3);
            assertThat(ledger.find(session.id()).orElseThrow().choices()).doesNotContainKey(2);

            // Approve the last round with A; the worker's SessionApproved closes the session on the page.
            browser.driver().findElement(By.tagName("body")).sendKeys("a");
            ChoiceRecord approval = waitFor().until(() -> ledger.find(session.id()).orElseThrow().choices().get(3),
                    choice -> choice != null);
            assertThat(approval.decision()).isEqualTo(ChoiceDecision.APPROVE);
            publish(Topic.SESSION_APPROVED, session.id(), approved(session, 3));
            waitFor().until(() -> text(browser, "status"), status -> status.startsWith("Session approved"));
            assertThat(browser.driver().findElement(By.id("approve")).isEnabled()).isFalse();
            browser.saveScreenshot(SCREENSHOTS.resolve("picker-approved.png"));
        }
    }

    @Test
    void withoutAValidTokenThePageAsksToSignInAgain() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(baseUri + "/picker/");
            waitFor().until(() -> browser.driver().findElement(By.id("sign-in")).isDisplayed());

            browser.driver().findElement(By.id("token")).sendKeys("not-the-token-0000000000");
            browser.driver().findElement(By.id("token")).sendKeys(Keys.ENTER);

            waitFor().until(() -> text(browser, "alert"), alert -> alert.contains("no longer accepted"));
            assertThat(browser.driver().findElement(By.id("sign-in")).isDisplayed()).isTrue();
            assertThat(browser.driver().findElement(By.cssSelector("label[for=token]")).getText())
                    .isEqualTo("Bearer token");
        }
    }

    /** The fill of each candidate's small multiple, counted in the screenshot, is the segment's area scaled. */
    private static void assertCandidatesMatchTheSeg(HeadlessChromium browser, PickerFixtures.Session session,
                                                    int round) {
        CandidateSetSegmentation seg = PickerFixtures.content(session, round);
        double scale = (double) THUMBNAIL / GRID;
        for (int rank = 1; rank <= 4; rank++) {
            WebElement canvas = browser.driver().findElement(By.cssSelector(
                    "button.candidate[data-rank='" + rank + "'] canvas"));
            BufferedImage shot = browser.screenshot(canvas);
            long painted = HeadlessChromium.countPixels(shot, new Color(CANDIDATE_COLOURS[rank - 1]),
                    COLOUR_TOLERANCE);
            double expected = seg.candidates().get(rank - 1).mask().count() * scale * scale;

            COUNTS.append(String.format("round %d, candidate %d: %d pixels painted, SEG area %d x %.2f = %.0f%n", round,
                    rank, painted, seg.candidates().get(rank - 1).mask().count(), scale * scale, expected));
            assertThat(shot.getWidth()).isEqualTo(THUMBNAIL);
            assertThat((double) painted).as("round %d candidate %d: painted pixels vs SEG area x %.0f", round, rank,
                    scale * scale).isCloseTo(expected, within(expected * AREA_TOLERANCE));
        }
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

    private static String text(HeadlessChromium browser, String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    /** What the worker announces after writing the final SEG (here the round's SEG stands in for it). */
    private static EventEnvelope<SessionApproved> approved(PickerFixtures.Session session, int round)
            throws Exception {
        SessionView view = ledger.find(session.id()).orElseThrow();
        SessionApproved approved = new SessionApproved(session.id(), session.record().requestId(), round,
                session.record().studyInstanceUid(), session.record().task(), session.record().model(),
                LedgerFixtures.RIVERA, view.choices().get(round).choiceEventId(),
                view.round(round).orElseThrow().segmentation(), session.record().seriesInstanceUid(),
                List.of(session.record().source()), PickerFixtures.content(session, round).recommended().count(),
                null);
        return EventEnvelope.of(EventType.SESSION_APPROVED, "/spa-gateway/inference-worker", session.id(),
                session.record().correlationId(), Instant.now(), approved);
    }

    private static List<EventEnvelope<InferenceRequested>> requests(PickerFixtures.Session session) {
        return topics.records(Topic.INFERENCE_INTERACTIVE.name(), session.record().studyInstanceUid()).stream()
                .map(r -> CODEC.<InferenceRequested>decode(new String(r.value(), StandardCharsets.UTF_8),
                        EventType.INFERENCE_REQUESTED)).toList();
    }

    private static void publish(Topic topic, String key, EventEnvelope<?> event) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, CODEC.encodeBytes(event))).get();
        }
    }

    private static ConditionFactory waitFor() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions();
    }
}
