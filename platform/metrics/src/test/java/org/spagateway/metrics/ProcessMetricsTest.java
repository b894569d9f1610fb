package org.spagateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spagateway.health.MetricsScrape.Exposition;

class ProcessMetricsTest {

    private final ProcessMetrics metrics = new ProcessMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void scrapesTheServicesMetersAndTheJvmBasicsInThePrometheusTextFormat() {
        Counter.builder("spa.studies.received").register(metrics.registry()).increment(3);

        Exposition scrape = metrics.scrape(null);

        assertThat(scrape.contentType()).isEqualTo(ProcessMetrics.PROMETHEUS_TEXT);
        String body = new String(scrape.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("spa_studies_received_total 3.0")
                .contains("jvm_memory_used_bytes{").contains("process_cpu_usage").contains("jvm_threads_live_threads")
                .contains("process_uptime_seconds").doesNotContain("# EOF");
    }

    @Test
    void answersOpenMetricsWhenTheScraperAsksForIt() {
        Counter.builder("spa.studies.received").register(metrics.registry()).increment();

        Exposition scrape = metrics.scrape("application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");

        assertThat(scrape.contentType()).isEqualTo(ProcessMetrics.OPENMETRICS_TEXT);
        assertThat(new String(scrape.body(), StandardCharsets.UTF_8)).contains("spa_studies_received_total 1.0")
                .endsWith("# EOF\n");
    }

    @Test
    void eachProcessMetricsHasARegistryOfItsOwn() {
        try (ProcessMetrics other = new ProcessMetrics()) {
            Counter.builder("spa.studies.received").register(other.registry()).increment();

            assertThat(new String(metrics.scrape(null).body(), StandardCharsets.UTF_8))
                    .doesNotContain("spa_studies_received_total");
        }
    }
}
