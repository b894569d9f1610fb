package org.spagateway.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventType;
import org.spagateway.events.Topic;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.test.harness.FreePorts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The crash test of issue 13: the all-in-one gateway (embedded broker, listener, router, worker, choice API,
 * profiles) runs as a child JVM and is killed with SIGKILL at random moments while synthetic fundus studies are sent
 * with storescu and every round's choice is posted (a candidate in rounds 1 and 2, approval in round 3); after each
 * kill it is started again on the same data. At the end ({@link CrashTestVerdict}): every study storescu saw stored
 * has its sessions' rounds, each round has exactly one candidate set (one event id, one SEG), every choice answered
 * 202 is applied exactly once, every approved session is approved once, nothing is dead-lettered, and the listener's
 * outbox is empty after a clean stop. All data is synthetic.
 */
@Command(name = "crash-test", mixinStandardHelpOptions = true,
        description = "SIGKILL the all-in-one gateway at random while studies and choices flow; check nothing is lost"
                + " or doubled.")
public final class CrashTest implements Callable<Integer> {

    private static final String CLINICIAN = "{\"id\":\"dr-rivera\",\"system\":\"urn:oid:2.16.840.1.113883.4.6\","
            + "\"personName\":\"Rivera^Ana^^Dr\"}";
    private static final int LAST_ROUND = 3;

    @Option(names = "--studies", description = "synthetic fundus studies to send (default ${DEFAULT-VALUE})")
    int studies = 200;

    @Option(names = "--kills", description = "SIGKILLs (default ${DEFAULT-VALUE})")
    int kills = 10;

    @Option(names = "--min-uptime", description = "shortest run between a ready gateway and its kill, seconds"
            + " (default ${DEFAULT-VALUE})")
    int minUptime = 5;

    @Option(names = "--max-uptime", description = "longest run between a ready gateway and its kill, seconds"
            + " (default ${DEFAULT-VALUE})")
    int maxUptime = 25;

    @Option(names = "--seed", description = "random seed of the kill times (default ${DEFAULT-VALUE})")
    long seed = 20261207L;

    @Option(names = "--models", description = "folder with spa-optic-cup.params (default ${DEFAULT-VALUE})")
    Path models = Path.of("models");

    @Option(names = "--work", description = "working folder (default: a new temporary one)")
    Path work;

    @Option(names = "--finish-timeout", description = "after the last kill, the longest wait for every session to"
            + " end, seconds (default ${DEFAULT-VALUE})")
    int finishTimeout = 600;

    private final EventCodec codec = new EventCodec();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) {
        System.exit(new CommandLine(new CrashTest()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        CrashTestVerdict verdict = run();
        System.out.println(verdict.report());
        return verdict.passed() ? 0 : 1;
    }

    /** Runs the test and checks what the topics hold at the end. */
    CrashTestVerdict run() throws Exception {
        Path folder = work != null ? Files.createDirectories(work) : Files.createTempDirectory("spa-crash-test");
        Ports ports = new Ports(FreePorts.find(), FreePorts.find(), FreePorts.find(), FreePorts.find());
        Path config = writeConfig(folder, ports);
        List<GeneratedStudy> toSend = generate(folder.resolve("studies"));
        Random random = new Random(seed);
        CrashTestLedger sent = new CrashTestLedger();
        int starts = 0;
        try (CandidateFeed feed = new CandidateFeed("127.0.0.1:" + ports.kafka(), codec)) {
            for (int kill = 0; kill <= kills; kill++) {
                GatewayChild gateway = GatewayChild.start(config, folder.resolve("gateway-" + (++starts) + ".log"),
                        ports.health());
                if (!gateway.awaitReady(Duration.ofMinutes(3))) {
                    gateway.kill();
                    throw new IllegalStateException("the gateway did not get ready; see " + folder);
                }
                boolean last = kill == kills;
                Instant until = last ? Instant.now().plusSeconds(finishTimeout)
                        : Instant.now().plusSeconds(minUptime + random.nextInt(maxUptime - minUptime + 1));
                drive(toSend, sent, feed, ports, until, last);
                if (last) {
                    feed.poll(Duration.ofSeconds(2));
                    CrashTestVerdict verdict = CrashTestVerdict.check("127.0.0.1:" + ports.kafka(), codec, sent,
                            kills, folder);
                    gateway.close();
                    return verdict.withOutbox(folder.resolve("dicom").resolve(".outbox"));
                }
                gateway.kill();
                System.out.printf("kill %d of %d: %d studies stored, %d choices accepted%n", kill + 1, kills,
                        sent.storedStudies().size(), sent.acceptedChoices().size());
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * Sends studies and answers rounds until {@code until}; in the last run, until every study is sent and every
     * session approved.
     */
    private void drive(List<GeneratedStudy> toSend, CrashTestLedger sent, CandidateFeed feed, Ports ports,
                       Instant until, boolean last) throws Exception {
        while (Instant.now().isBefore(until)) {
            int next = sent.storedStudies().size();
            if (next < toSend.size()) {
                GeneratedStudy study = toSend.get(next);
                if (Dcmtk.storescu("STORESCU", "SPA_GATEWAY", "127.0.0.1", ports.dicom(), study.files(), "-ta", "5")
                        .succeeded()) {
                    sent.stored(study.studyInstanceUid());
                }
            }
            for (CandidatesReady ready : feed.poll(Duration.ofMillis(200))) {
                sent.shown(ready.sessionId(), ready.round());
            }
            for (Map.Entry<String, Integer> open : sent.unanswered().entrySet()) {
                answer(ports, sent, open.getKey(), open.getValue());
            }
            if (last && next >= toSend.size() && sent.allApproved(toSend.size())) {
                return;
            }
        }
    }

    private void answer(Ports ports, CrashTestLedger sent, String session, int round) throws InterruptedException {
        String decision = round < LAST_ROUND
                ? "\"decision\":\"CANDIDATE\",\"candidate\":{\"rank\":1,\"segmentNumber\":2}"
                : "\"decision\":\"APPROVE\"";
        String body = "{\"sessionId\":\"" + session + "\",\"round\":" + round + "," + decision + ",\"clinician\":"
                + CLINICIAN + "}";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + ports.choices() + "/choices")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            sent.answered(session, round, response.statusCode(), round < LAST_ROUND ? "CANDIDATE" : "APPROVE");
        } catch (IOException e) {
            // The gateway is down (killed, or not yet back): the round is answered again later.
        }
    }

    private List<GeneratedStudy> generate(Path folder) throws IOException {
        SyntheticStudyGenerator generator = new SyntheticStudyGenerator();
        List<GeneratedStudy> generated = new ArrayList<>();
        for (int i = 0; i < studies; i++) {
            generated.add(generator.generate(StudySpec.of(DemoTask.FUNDUS, 1, seed + i).withSize(256),
                    folder.resolve("study-" + i)));
        }
        return generated;
    }

    private Path writeConfig(Path folder, Ports ports) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spa.kafka.embedded.data-dir", folder.resolve("kafka").toString());
        properties.put("spa.kafka.embedded.port", String.valueOf(ports.kafka()));
        properties.put("spa.listener.port", String.valueOf(ports.dicom()));
        properties.put("spa.listener.storage-root", folder.resolve("dicom").toString());
        properties.put("spa.listener.calling-aes", "STORESCU@127.0.0.1");
        properties.put("spa.listener.completeness.expected-count.modality.OP", "1");
        properties.put("spa.worker.model.fundus-optic-cup", models.resolve("spa-optic-cup.params").toAbsolutePath()
                .toString());
        properties.put("spa.worker.model.ct-lung-nodule", "");
        properties.put("spa.worker.output-root", folder.resolve("results").toString());
        properties.put("spa.sessions.root", folder.resolve("sessions").toString());
        properties.put("spa.profiles.state-dir", folder.resolve("profiles").toString());
        properties.put("spa.choices.port", String.valueOf(ports.choices()));
        properties.put("spa.health.port", String.valueOf(ports.health()));
        properties.put("spa.fhir.embedded.enabled", "false");
        properties.put("spa.fhir.adapter.enabled", "false");
        properties.put("spa.demo.enabled", "false");
        StringBuilder text = new StringBuilder("# crash test (synthetic data), written by CrashTest\n");
        properties.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\"))
                .append('\n'));
        return Files.writeString(folder.resolve("gateway.properties"), text.toString());
    }

    /** The fixed ports every start of the gateway uses, so the driver finds it again after a kill. */
    private record Ports(int kafka, int dicom, int choices, int health) {
    }
}
