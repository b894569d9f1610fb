package org.spagateway.reporting.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.dicom.seg.CandidateSetSegmentation;
import org.spagateway.dicom.seg.MaskGrid;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.ChoiceDecision;
import org.spagateway.events.EventCodec;
import org.spagateway.events.RecordsAccessed;
import org.spagateway.events.Topic;
import org.spagateway.sessions.ChoiceRecord;
import org.spagateway.sessions.ChoiceValidator;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.test.harness.TestIdentityProvider;

/** The candidate picker's operations on the choice API, without a server: page, worklist, images from real DICOM. */
class PickerApiTest {

    private static final TestIdentityProvider IDP = TestIdentityProvider.create("picker");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:17:05Z"), ZoneOffset.UTC);
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>",
            Pattern.CASE_INSENSITIVE);

    @TempDir
    Path work;

    private SessionLedger ledger;
    private PickerFixtures fixtures;
    private final RecordingPublisher publisher = new RecordingPublisher();

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @BeforeEach
    void ledger() {
        ledger = SessionLedgerConfig.embedded(work.resolve("sessions")).ledger();
        fixtures = new PickerFixtures(work, ledger);
    }

    @Test
    void servesThePageWithoutATokenUnderAStrictContentSecurityPolicy() {
        ChoiceApi api = devApi("a-token-of-sixteen-chars");

        ApiResponse page = api.handle(get("/picker/", Map.of()));

        assertThat(api.beforeBody("GET", "/picker/", Map.of())).isEmpty();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers()).containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("X-Content-Type-Options", "nosniff").containsEntry("Cache-Control", "no-cache")
                .containsEntry("X-Frame-Options", "DENY").containsEntry("Referrer-Policy", "no-referrer");
        assertThat(page.headers().get("Content-Security-Policy")).startsWith("default-src 'self';")
                .contains("script-src 'self';", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(api.handle(get("/picker/picker.js", Map.of())).headers())
                .containsEntry("Content-Type", "text/javascript; charset=utf-8");
        assertThat(api.handle(get("/picker", Map.of())).headers()).containsEntry("Location", "/picker/");
    }

    @Test
    void answersNotModifiedToTheSameETagAndNotFoundOutsideItsFiles() {
        ChoiceApi api = devApi(null);
        String etag = api.handle(get("/picker/picker.css", Map.of())).headers().get("ETag");

        assertThat(api.handle(get("/picker/picker.css", Map.of("if-none-match", etag))).status()).isEqualTo(304);
        assertThat(api.handle(get("/picker/../sessions", Map.of())).status()).isEqualTo(404);
        assertThat(api.handle(get("/picker/secret.txt", Map.of())).status()).isEqualTo(404);
        assertThat(api.handle(new ApiRequest("POST", "/picker/", Map.of(), new byte[0], "127.0.0.1")).status())
                .isEqualTo(405);
    }

    @Test
    void thePageLoadsNothingFromElsewhereAndHasNoInlineScriptOrStyle() {
        ChoiceApi api = devApi(null);
        for (String file : PickerAssets.FILES) {
            String text = new String(api.handle(get("/picker/" + file, Map.of())).body(), StandardCharsets.UTF_8);
            assertThat(text).as(file).isNotBlank().doesNotContainPattern("(?i)(src|href)=\"(https?:)?//")
                    .doesNotContainPattern("(?i)@import|url\\(\\s*['\"]?https?:").doesNotContain(" style=\"");
            assertThat(INLINE_SCRIPT.matcher(text).find()).as(file + " has an inline script").isFalse();
        }
    }

    @Test
    void inDevelopmentModeTheWorklistHasEveryOpenSessionAndTheQueryIsAudited() throws Exception {
        PickerFixtures.Session open = fixtures.open("open", DemoTask.CT, 64, null);
        fixtures.addRound(open, 1);
        PickerFixtures.Session approved = fixtures.open("approved", DemoTask.CT, 64, LedgerFixtures.RIVERA);
        fixtures.addRound(approved, 1);
        ledger.claim(approved.id(), new ChoiceRecord("c-1", 1, ChoiceDecision.APPROVE, null, LedgerFixtures.RIVERA,
                CLOCK.instant(), "corr"));

        ApiResponse answer = devApi(null).handle(get("/sessions?status=open", Map.of("x-spa-user", "dr-who")));

        JsonNode body = json(answer);
        assertThat(body.path("sessions")).hasSize(1);
        assertThat(body.path("sessions").get(0).path("sessionId").asText()).isEqualTo(open.id());
        assertThat(body.path("sessions").get(0).path("latestRound").asInt()).isEqualTo(1);
        assertThat(body.path("caller").path("verified").asBoolean()).isFalse();
        RecordsAccessed audit = (RecordsAccessed) publisher.published.get(0).event().data();
        assertThat(publisher.published.get(0).topic()).isEqualTo(Topic.AUDIT_ACCESS);
        assertThat(audit.action()).isEqualTo("QUERY");
        assertThat(audit.user()).isEqualTo("dr-who");
        assertThat(audit.path()).isEqualTo("/sessions");
        assertThat(devApi(null).handle(get("/sessions?status=closed", Map.of())).status()).isEqualTo(400);
    }

    @Test
    void aClinicianSeesTheirOwnAndUnclaimedSessionsButNotAnotherClinicians() throws Exception {
        PickerFixtures.Session mine = fixtures.open("mine", DemoTask.CT, 32, LedgerFixtures.RIVERA);
        PickerFixtures.Session unclaimed = fixtures.open("unclaimed", DemoTask.CT, 32, null);
        PickerFixtures.Session theirs = fixtures.open("theirs", DemoTask.CT, 32, LedgerFixtures.OKAFOR);
        for (PickerFixtures.Session session : List.of(mine, unclaimed, theirs)) {
            fixtures.addRound(session, 1);
        }
        String rivera = bearer(LedgerFixtures.RIVERA.id(), "spa-clinician");
        String auditor = bearer("audit-1", "spa-auditor");

        JsonNode clinician = json(jwtApi().handle(get("/sessions", Map.of("authorization", rivera))));
        JsonNode audit = json(jwtApi().handle(get("/sessions", Map.of("authorization", auditor))));

        assertThat(ids(clinician)).containsExactlyInAnyOrder(mine.id(), unclaimed.id());
        assertThat(clinician.path("caller").path("clinician").path("id").asText()).isEqualTo("dr-rivera");
        assertThat(ids(audit)).containsExactlyInAnyOrder(mine.id(), unclaimed.id(), theirs.id());
        assertThat(jwtApi().handle(get("/sessions/" + theirs.id() + "/source.png", Map.of("authorization", rivera)))
                .status()).isEqualTo(403);
        assertThat(jwtApi().handle(get("/sessions/" + unclaimed.id() + "/source.png",
                Map.of("authorization", rivera))).status()).isEqualTo(200);
        assertThat(jwtApi().handle(get("/sessions", Map.of("authorization", bearer("nobody")))).status())
                .isEqualTo(403);
    }

    @Test
    void everySegmentPngHasExactlyTheSegmentsAreaOfOpaquePixels() throws Exception {
        PickerFixtures.Session session = fixtures.open("areas", DemoTask.CT, 96, null);
        fixtures.addRound(session, 1);
        CandidateSetSegmentation content = PickerFixtures.content(session, 1);
        ChoiceApi api = devApi(null);

        for (int segment = 1; segment <= 5; segment++) {
            ApiResponse png = api.handle(get("/sessions/" + session.id() + "/rounds/1/segments/" + segment + ".png",
                    Map.of()));
            MaskGrid expected = segment == 1 ? content.recommended() : content.candidates().get(segment - 2).mask();

            assertThat(png.status()).isEqualTo(200);
            assertThat(png.headers()).containsEntry("Content-Type", "image/png");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
            assertThat(image.getWidth()).isEqualTo(96);
            int opaque = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    boolean set = (image.getRGB(x, y) >>> 24) == 0xFF;
                    assertThat(set).as("segment %d at (%d, %d)", segment, x, y).isEqualTo(expected.get(x, y));
                    opaque += set ? 1 : 0;
                }
            }
            assertThat(opaque).isEqualTo(expected.count()).isPositive();
        }
    }

    @Test
    void theRoundSaysWhatEachCandidateRepresentsAsTheSegReadsBack() throws Exception {
        PickerFixtures.Session session = fixtures.open("round", DemoTask.FUNDUS, 64, LedgerFixtures.RIVERA);
        fixtures.addRound(session, 1);
        fixtures.addRound(session, 2);
        CandidateSetSegmentation content = PickerFixtures.content(session, 1);

        JsonNode round = json(devApi(null).handle(get("/sessions/" + session.id() + "/rounds/1", Map.of())));

        assertThat(round.path("round").asInt()).isEqualTo(1);
        assertThat(round.path("latestRound").asInt()).isEqualTo(2);
        assertThat(round.path("sampleCount").asInt()).isEqualTo(PickerFixtures.SAMPLES);
        assertThat(round.path("owner").path("id").asText()).isEqualTo("dr-rivera");
        assertThat(round.path("recommended").path("areaPixels").asLong()).isEqualTo(content.recommended().count());
        for (int i = 0; i < 4; i++) {
            JsonNode candidate = round.path("candidates").get(i);
            assertThat(candidate.path("rank").asInt()).isEqualTo(i + 1);
            assertThat(candidate.path("segmentNumber").asInt()).isEqualTo(i + 2);
            assertThat(candidate.path("samplesRepresented").asInt()).isEqualTo(PickerFixtures.REPRESENTED[i]);
            assertThat(candidate.path("areaPixels").asLong()).isEqualTo(content.candidates().get(i).mask().count());
        }
    }

    @Test
    void theSourceRendersOnItsGridAndEveryImageReadIsAudited() throws Exception {
        PickerFixtures.Session session = fixtures.open("source", DemoTask.FUNDUS, 48, null);
        fixtures.addRound(session, 1);
        ChoiceApi api = devApi(null);

        ApiResponse png = api.handle(get("/sessions/" + session.id() + "/source.png", Map.of()));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(image.getWidth()).isEqualTo(48);
        assertThat(image.getHeight()).isEqualTo(48);
        assertThat(png.headers().get("Cache-Control")).isEqualTo("no-store");
        RecordsAccessed audit = (RecordsAccessed) publisher.published.get(0).event().data();
        assertThat(audit.action()).isEqualTo("READ");
        assertThat(audit.sessionId()).isEqualTo(session.id());
        assertThat(audit.httpStatus()).isEqualTo(200);
    }

    @Test
    void aRoundsSegIsReadFromTheLedgerNotFromItsLocationAndOneTheLedgerLacksIsMissing() throws Exception {
        PickerFixtures.Session session = fixtures.open("seg-in-ledger", DemoTask.CT, 32, null);
        CandidatesReady first = fixtures.addRound(session, 1).data();
        fixtures.addRound(session, 2, false);
        Files.delete(Path.of(java.net.URI.create(first.segmentation().location())));
        ChoiceApi api = devApi(null);

        assertThat(api.handle(get("/sessions/" + session.id() + "/rounds/1/segments/2.png", Map.of())).status())
                .as("the worker's file is gone: the picker reads the SEG from the database").isEqualTo(200);
        assertThat(api.handle(get("/sessions/" + session.id() + "/rounds/1", Map.of())).status()).isEqualTo(200);
        assertThat(api.handle(get("/sessions/" + session.id() + "/rounds/2/segments/2.png", Map.of())).code())
                .as("its file is there, its bytes are not in the database").isEqualTo("OBJECT_MISSING");
    }

    @Test
    void aMissingObjectAnUnknownRoundOrSegmentAreNotFoundAndStillAudited() throws Exception {
        PickerFixtures.Session session = fixtures.open("missing", DemoTask.CT, 32, null);
        fixtures.addRound(session, 1);
        Files.delete(session.sourceFile());
        ChoiceApi api = devApi(null);

        assertThat(api.handle(get("/sessions/" + session.id() + "/source.png", Map.of())).code())
                .isEqualTo("OBJECT_MISSING");
        assertThat(api.handle(get("/sessions/" + session.id() + "/rounds/7", Map.of())).code())
                .isEqualTo("UNKNOWN_ROUND");
        assertThat(api.handle(get("/sessions/" + session.id() + "/rounds/1/segments/9.png", Map.of())).code())
                .isEqualTo("UNKNOWN_SEGMENT");
        assertThat(api.handle(get("/sessions/spa-nope/source.png", Map.of())).status()).isEqualTo(404);
        assertThat(publisher.published).hasSize(4);
    }

    @Test
    void anEventStreamNeedsACredentialAndARole() throws Exception {
        ChoiceApi api = jwtApi();

        assertThat(api.admitEventStream(get("/events", Map.of())).refusal().orElseThrow().status()).isEqualTo(401);
        assertThat(api.admitEventStream(get("/events", Map.of("authorization", bearer("nobody")))).refusal()
                .orElseThrow().status()).isEqualTo(403);
        assertThat(api.admitEventStream(get("/events", Map.of("authorization",
                bearer("dr-rivera", "spa-clinician")))).caller().orElseThrow().subject()).isEqualTo("dr-rivera");
    }

    private static List<String> ids(JsonNode worklist) {
        return java.util.stream.StreamSupport.stream(worklist.path("sessions").spliterator(), false)
                .map(session -> session.path("sessionId").asText()).toList();
    }

    private static String bearer(String subject, String... roles) throws Exception {
        return "Bearer " + IDP.rs256(TestIdentityProvider.claims(subject, CLOCK.instant(), roles).build());
    }

    private ChoiceApi jwtApi() throws java.text.ParseException {
        ChoiceApiConfig config = ChoiceApiConfig.from(ConfigSource.of(JwtGatewayConfig.of("jwks.json")));
        InteractiveRequestMapper requests = new InteractiveRequestMapper(CLOCK);
        ChoiceIngress ingress = new ChoiceIngress(ledger, new ChoiceValidator(), requests, publisher);
        BearerTokenVerifier verifier = new BearerTokenVerifier(config.auth(),
                new ImmutableJWKSet<>(JWKSet.parse(IDP.jwks())), CLOCK);
        return new ChoiceApi(config, verifier, ingress, ledger, requests, publisher, new EventCodec(), CLOCK,
                InteractiveBacklog.UNKNOWN);
    }

    private ChoiceApi devApi(String token) {
        Map<String, String> properties = new HashMap<>();
        if (token != null) {
            properties.put(ChoiceApiConfig.API_TOKEN, token);
        }
        ChoiceApiConfig config = ChoiceApiConfig.from(ConfigSource.of(properties));
        InteractiveRequestMapper requests = new InteractiveRequestMapper(CLOCK);
        ChoiceIngress ingress = new ChoiceIngress(ledger, new ChoiceValidator(), requests, publisher);
        return new ChoiceApi(config, new StaticTokenAuthenticator(config.apiToken(), config.clientName()), ingress,
                ledger, requests, publisher, new EventCodec(), CLOCK, InteractiveBacklog.UNKNOWN);
    }

    private static ApiRequest get(String target, Map<String, String> headers) {
        int question = target.indexOf('?');
        return new ApiRequest("GET", question < 0 ? target : target.substring(0, question),
                question < 0 ? "" : target.substring(question + 1), headers, new byte[0], "127.0.0.1");
    }

    private static JsonNode json(ApiResponse response) {
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return ApiJson.read(response.body()).orElseThrow();
    }
}
