package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The services' log lines: a full UTC timestamp in text, or one JSON object per line for log shippers. */
class LogFormatTest {

    @Test
    void writesTextLinesWithAFullUtcTimestampByDefault() throws Exception {
        String line = logOneLine(null);

        assertThat(line).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z INFO .*")
                .contains("corr-42").endsWith("- round stored");
        Instant logged = Instant.parse(line.substring(0, 24));
        assertThat(logged).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
    }

    @Test
    void writesOneJsonObjectPerLineWhenAsked() throws Exception {
        JsonNode event = new ObjectMapper().readTree(logOneLine("json"));

        assertThat(event.path("level").asText()).isEqualTo("INFO");
        assertThat(event.path("loggerName").asText()).isEqualTo("org.spagateway.test.LogFormat");
        assertThat(event.path("message").asText()).isEqualTo("round stored");
        assertThat(event.path("mdc").path("correlationId").asText()).isEqualTo("corr-42");
        assertThat(event.path("timestamp").asLong()).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.api.Assertions.within(60_000L));
    }

    /** Configures a fresh logging context from the application's logback.xml and logs one line through it. */
    private static String logOneLine(String format) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            if (format != null) {
                context.putProperty("spa.log.format", format);
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getClassLoader().getResource("logback.xml"));
            MDC.put("correlationId", "corr-42");
            context.getLogger("org.spagateway.test.LogFormat").info("round stored");
        } finally {
            MDC.remove("correlationId");
            context.stop();
            System.setOut(original);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        return lines[lines.length - 1];
    }
}
