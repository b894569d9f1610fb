package org.spagateway.app;

import java.io.IOException;
import java.io.PrintStream;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.spagateway.events.CandidatesReady;
import org.spagateway.events.DeadLetterHeaders;
import org.spagateway.events.EventCodec;
import org.spagateway.events.EventEnvelope;
import org.spagateway.events.EventType;
import org.spagateway.events.InferenceRequested;
import org.spagateway.events.StudyNotRouted;
import org.spagateway.events.StudyReceived;
import org.spagateway.events.Topic;
import org.spagateway.study.generator.DemoTask;
import org.spagateway.study.generator.GeneratedStudy;
import org.spagateway.study.generator.StudySpec;
import org.spagateway.study.generator.SyntheticStudyGenerator;

/**
 * The demo of the all-in-one default: generates a synthetic study, sends it to the running listener with dcmtk
 * {@code storescu} exactly as a PACS would, reports the events that come back on Kafka and, when the worker runs,
 * waits for the round's CandidatesReady and says where the SEG landed and how to look at it; with FHIR on, says
 * where the study's ImagingStudy and AuditEvent are and how to query them. With the choice API on, a simulated
 * clinician then takes the session to its approved end ({@link DemoSession}).
 */
final class DemoStudy {

    static final String CALLING_AE = "SPA_DEMO";
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    private final AllInOneGateway gateway;
    private final AllInOneConfig config;
    private final Path workDir;
    private final PrintStream out;
    private final EventCodec codec = new EventCodec();
    private CandidatesReady firstRound;

    DemoStudy(AllInOneGateway gateway, AllInOneConfig config, PrintStream out) {
        this.gateway = gateway;
        this.config = config;
        this.workDir = config.demoDir();
        this.out = out;
    }

    /** Runs the demo; true when the study's StudyReceived and its routing outcome were both seen on Kafka. */
    boolean run() throws IOException, InterruptedException {
        DemoTask task = DemoTask.valueOf(config.demoTask().toUpperCase(Locale.ROOT));
        int instances = task == DemoTask.CT ? 3 : 1;
        StudySpec spec = StudySpec.of(task, instances, Instant.now().toEpochMilli()).withSize(256);
        GeneratedStudy study = new SyntheticStudyGenerator().generate(spec, Files.createDirectories(workDir));
        out.printf("%nDemo: generated a SYNTHETIC %s study %s (%d instance(s)) under %s%n", task,
                study.studyInstanceUid(), study.files().size(), workDir);
        try (EventTail tail = new EventTail(gateway.kafka(),
                List.of(Topic.STUDY_RECEIVED, Topic.INFERENCE_REQUESTED, Topic.STUDY_NOT_ROUTED,
                        Topic.CANDIDATES_READY, Topic.CHOICE_APPLIED, Topic.SESSION_APPROVED,
                        Topic.PROFILE_UPDATED, Topic.DEAD_LETTER))) {
            send(study.files());
            boolean outcome = awaitOutcome(tail, study.studyInstanceUid());
            if (outcome && firstRound != null && gateway.choiceApiUri().isPresent()) {
                outcome = new DemoSession(URI.create(gateway.choiceApiUri().get()), tail, out, config.demoTimeout())
                        .run(firstRound);
            }
            reportFhir(study.studyInstanceUid());
            if (outcome && gateway.pickerUri().isPresent() && !config.exitAfterDemo()) {
                leaveASessionForThePicker(task, tail);
            }
            return outcome;
        }
    }

    /**
     * Sends a second synthetic study whose session is left open for a person: round 1 waits in the candidate
     * picker's worklist (development mode on loopback: no token, the clinician named on the page).
     */
    private void leaveASessionForThePicker(DemoTask task, EventTail tail) throws IOException, InterruptedException {
        int instances = task == DemoTask.CT ? 3 : 1;
        StudySpec spec = StudySpec.of(task, instances, Instant.now().toEpochMilli() + 1).withSize(256);
        GeneratedStudy study = new SyntheticStudyGenerator().generate(spec,
                Files.createDirectories(workDir.resolve("for-the-picker")));
        out.printf("%nDemo: a second SYNTHETIC %s study, left open for you%n", task);
        firstRound = null;
        send(study.files());
        if (awaitOutcome(tail, study.studyInstanceUid()) && firstRound != null) {
            out.printf("%nCandidate picker: open %s in a browser on this machine. Session %s is in the worklist;"
                    + " choose a candidate with 1-%d (the next round appears by itself), approve with A, reject all"
                    + " with R (docs/picker.md).%n", gateway.pickerUri().orElseThrow(), firstRound.sessionId(),
                    firstRound.candidates().size());
        }
    }

    /**
     * Says where the study's FHIR records are and how to query them; with the adapter running, waits a little for
     * the ImagingStudy to be written and says whether it was.
     */
    private void reportFhir(String studyUid) throws InterruptedException {
        if (gateway.fhirBaseUrl().isEmpty()) {
            return;
        }
        String base = gateway.fhirBaseUrl().get();
        String studies = base + "/ImagingStudy?identifier=urn:oid:" + studyUid;
        String audits = base + "/AuditEvent?entity:ImagingStudy.identifier=urn:oid:" + studyUid;
        out.printf("FHIR %s (%s)%n", base, gateway.fhirServerEmbedded() ? "embedded HAPI FHIR JPA server"
                : "spa.fhir.base-url");
        if (gateway.fhirAdapterRunning()) {
            int found = awaitFhirTotal(studies, Duration.ofSeconds(20));
            out.printf("    ImagingStudy for the study: %s%n", found < 0 ? "not answered (is the server up?)"
                    : found == 0 ? "not yet recorded" : found + " recorded, with its import AuditEvent");
        }
        out.printf("    Look at them: curl '%s'%n", studies);
        out.printf("                  curl '%s'%n", audits);
    }

    /** The Bundle.total of a search, polled until positive or the wait is over; -1 when the server did not answer. */
    private static int awaitFhirTotal(String searchUrl, Duration wait) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(searchUrl + "&_summary=count"))
                .header("Accept", "application/fhir+json").header("Cache-Control", "no-cache")
                .timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(wait);
        int total = -1;
        while (true) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    Matcher matcher = TOTAL.matcher(response.body());
                    total = matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
                }
            } catch (IOException e) {
                total = -1;
            }
            if (total > 0 || !Instant.now().isBefore(deadline)) {
                return total;
            }
            Thread.sleep(500);
        }
    }

    private void send(List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", CALLING_AE, "-aec",
                gateway.dicomAeTitle(), gateway.dicomHost(), Integer.toString(gateway.dicomPort())));
        files.forEach(file -> command.add(file.toString()));
        out.printf("Demo: %s%n", String.join(" ", command.subList(0, 7)) + " <files>");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TCP_NODELAY", "1");
        Process storescu = builder.start();
        String output = new String(storescu.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!storescu.waitFor(60, TimeUnit.SECONDS) || storescu.exitValue() != 0) {
            throw new IOException("storescu failed: " + output.strip());
        }
    }

    private boolean awaitOutcome(EventTail tail, String studyUid) {
        Instant deadline = Instant.now().plus(config.demoTimeout());
        boolean received = false;
        boolean done = false;
        while (Instant.now().isBefore(deadline) && !(received && done)) {
            for (ConsumerRecord<String, String> record : tail.poll(Duration.ofMillis(500))) {
                String topic = record.topic();
                if (topic.equals(Topic.CANDIDATES_READY.name())) {
                    CandidatesReady ready = codec.<CandidatesReady>decode(record.value(),
                            EventType.CANDIDATES_READY).data();
                    if (studyUid.equals(ready.studyInstanceUid()) && ready.round() == 1) {
                        reportCandidates(topic, ready);
                        firstRound = ready;
                        done = true;
                    }
                    continue;
                }
                if (!studyUid.equals(record.key())) {
                    continue;
                }
                if (topic.equals(Topic.DEAD_LETTER.name())) {
                    out.printf("Kafka %s: the request was dead-lettered: %s%n", topic,
                            header(record, DeadLetterHeaders.REASON));
                    done = true;
                    continue;
                }
                received |= report(record);
                boolean notRouted = topic.equals(Topic.STUDY_NOT_ROUTED.name());
                boolean routed = topic.equals(Topic.INFERENCE_REQUESTED.name());
                done |= notRouted || (routed && !gateway.workerRunning());
                if (routed && gateway.workerRunning()) {
                    out.printf("Demo: waiting for the inference worker's round 1...%n");
                }
            }
        }
        if (!(received && done)) {
            out.printf("Demo: no complete outcome for the study within %s%n", config.demoTimeout());
        }
        return received && done;
    }

    private void reportCandidates(String topic, CandidatesReady ready) {
        out.printf("Kafka %s: CandidatesReady round %d of session %s, model %s: recommended %d px, %d candidates"
                        + " representing %s of %d samples%n", topic, ready.round(), ready.sessionId(),
                ready.model().version(), ready.recommended().areaPixels(), ready.candidates().size(),
                ready.candidates().stream().map(c -> String.valueOf(c.samplesRepresented()))
                        .collect(java.util.stream.Collectors.joining("/")), ready.sampleCount());
        String file = Path.of(java.net.URI.create(ready.segmentation().location())).toString();
        out.printf("    SEG stored: %s%n", file);
        out.printf("    Look at it: dcmdump %s | grep -E 'SegmentLabel|SegmentDescription'%n", file);
        out.printf("    Or send it to a PACS/viewer: storescu -R -aec ORTHANC <host> <port> %s%n", file);
        out.printf("    (spa.export.destinations sends every SEG to PACS automatically, see docs/configuration.md)%n");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        org.apache.kafka.common.header.Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Prints one event of the demo study; true when it was the StudyReceived. */
    private boolean report(ConsumerRecord<String, String> record) {
        String topic = record.topic();
        if (topic.equals(Topic.STUDY_RECEIVED.name())) {
            EventEnvelope<StudyReceived> event = codec.decode(record.value(), EventType.STUDY_RECEIVED);
            StudyReceived study = event.data();
            out.printf("Kafka %s: StudyReceived v%d from %s, %d series, %d instance(s), complete by %s%n", topic,
                    study.version(), study.callingAeTitle(), study.seriesCount(), study.instanceCount(),
                    study.completionReason());
            study.series().forEach(series -> series.instances().forEach(
                    instance -> out.printf("    stored: %s%n", instance.location())));
            return true;
        }
        if (topic.equals(Topic.INFERENCE_REQUESTED.name())) {
            InferenceRequested request = codec.<InferenceRequested>decode(record.value(),
                    EventType.INFERENCE_REQUESTED).data();
            out.printf("Kafka %s: InferenceRequested task %s (rule %s, lane %s), request %s%n", topic,
                    request.task(), request.ruleName(), request.lane(), request.requestId());
        } else {
            StudyNotRouted notRouted = codec.<StudyNotRouted>decode(record.value(), EventType.STUDY_NOT_ROUTED).data();
            out.printf("Kafka %s: StudyNotRouted %s: %s%n", topic, notRouted.reasonCode(), notRouted.reason());
        }
        return false;
    }
}
