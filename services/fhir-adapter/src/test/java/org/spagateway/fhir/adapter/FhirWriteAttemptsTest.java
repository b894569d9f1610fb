package org.spagateway.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spagateway.fhir.adapter.FhirWriteAttempts.Outcome;
import org.spagateway.retry.Jitter;
import org.spagateway.retry.RetrySchedule;

/**
 * The attempts of one record against an HTTP peer on 127.0.0.1 that answers each transaction with the next status of
 * a script and its capability statement with a fixed status (the FHIR adapter's ITs run the real HAPI FHIR JPA
 * server; no real server can be told to refuse one record with a 500 while it answers everything else).
 */
class FhirWriteAttemptsTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final Deque<Integer> transactionStatuses = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private int metadataStatus = 200;
    private HttpServer server;
    private FhirWriteAttempts attempts;

    @BeforeEach
    void startPeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fhir", this::answer);
        server.start();
        FhirAdapterConfig config = FhirAdapterConfig.of("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");
        attempts = new FhirWriteAttempts(FhirAdapter.newClient(config, FHIR),
                new RetrySchedule(4, Duration.ofSeconds(1), Duration.ofSeconds(4)), pauses::add, Jitter.NONE,
                new FhirWriteMetrics(metrics));
    }

    @AfterEach
    void stopPeer() {
        server.stop(0);
    }

    @Test
    void aRecordTheServerKeepsRefusingWithA500WhileItAnswersIsRefusedAfterFourAttempts() {
        script(500, 500, 500, 500);

        Outcome outcome = attempts.store(transaction(), "event e-1");

        assertThat(outcome.isStored()).isFalse();
        assertThat(outcome.refusal()).startsWith("HTTP 500 after 4 attempt(s)");
        assertThat(requests).containsExactly("POST", "POST", "POST", "POST", "GET metadata");
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aRecordRefusedWhileTheServerDoesNotAnswerEitherWaitsForTheServer() {
        script(500, 500, 500, 500);
        metadataStatus = 503;

        assertThatThrownBy(() -> attempts.store(transaction(), "event e-2"))
                .isInstanceOf(FhirServerUnavailableException.class);
    }

    @Test
    void aConflictThatPassesIsStoredOnTheNextAttempt() {
        script(409, 200);

        Outcome outcome = attempts.store(transaction(), "event e-3");

        assertThat(outcome.isStored()).isTrue();
        assertThat(requests).containsExactly("POST", "POST");
        assertThat(metrics.get(FhirWriteMetrics.DURATION).tag("outcome", "stored").timer().count()).isEqualTo(1);
        assertThat(metrics.get(FhirWriteMetrics.DURATION).tag("outcome", "failed").timer().count()).isEqualTo(1);
        assertThat(metrics.get(FhirWriteMetrics.FAILURES).tags("verdict", "SUSPECT", "status", "409").counter()
                .count()).isEqualTo(1.0);
    }

    @Test
    void aServerThatIsDownOrRefusesTheGatewaysCredentialsIsWaitedForWithoutCountingAttempts() {
        for (int status : new int[] {503, 502, 429, 401}) {
            script(status);
            assertThatThrownBy(() -> attempts.store(transaction(), "event e-4"))
                    .as("HTTP %d", status).isInstanceOf(FhirServerUnavailableException.class);
        }
        assertThat(requests).containsOnly("POST").hasSize(4);
        assertThat(pauses).isEmpty();
        assertThat(metrics.get(FhirWriteMetrics.FAILURES).tag("verdict", "UNAVAILABLE").counters())
                .extracting(counter -> counter.getId().getTag("status"))
                .containsExactlyInAnyOrder("503", "502", "429", "401");
        assertThat(metrics.find(FhirWriteMetrics.DURATION).tag("outcome", "stored").timers()).isEmpty();
    }

    @Test
    void aRequestTheServerCallsInvalidIsRefusedAtOnce() {
        script(422);

        Outcome outcome = attempts.store(transaction(), "event e-5");

        assertThat(outcome.refusal()).startsWith("HTTP 422 after 1 attempt(s)");
        assertThat(requests).containsExactly("POST");
        assertThat(metrics.get(FhirWriteMetrics.FAILURES).tags("verdict", "PERMANENT", "status", "422").counter()
                .count()).isEqualTo(1.0);
    }

    private void script(Integer... statuses) {
        transactionStatuses.addAll(List.of(statuses));
    }

    private static RecordTransaction transaction() {
        return new AccessTransactionBuilder().transaction(SessionFixtures.golden().read("dr-rivera", 100));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body;
        int status;
        if (exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().endsWith("/metadata")) {
            requests.add("GET metadata");
            status = metadataStatus;
            body = FHIR.newJsonParser().encodeResourceToString(new CapabilityStatement()
                    .setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE));
        } else {
            requests.add(exchange.getRequestMethod());
            exchange.getRequestBody().readAllBytes();
            status = transactionStatuses.isEmpty() ? 500 : transactionStatuses.poll();
            body = FHIR.newJsonParser().encodeResourceToString(
                    new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE));
        }
        if (status >= 400) {
            body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"exception\","
                    + "\"diagnostics\":\"scripted " + status + "\"}]}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
