package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.LoggerFactory;
import org.spagateway.events.Topic;
import org.spagateway.test.harness.Dcmtk;
import org.spagateway.test.harness.TopicReader;

/**
 * A distinctive synthetic patient stamped into a study before it is sent, and the search for it afterwards in every
 * log line the JVM wrote (with its MDC and stack traces), every record of every topic (keys, values, headers: events
 * and dead letters alike) and every FHIR text the caller collected (issue 14). Only the DICOM files may hold it.
 */
final class PhiTrace implements AutoCloseable {

    /** Synthetic: no real person has this name, identifier or birth date in this project. */
    static final String FAMILY = "Qzxwvyk";
    static final String GIVEN = "Jhgfdsl";
    static final String PATIENT_ID = "PHI7Q4Z99173";
    static final String BIRTH_DATE = "19310417";
    private static final List<String> TRACES = List.of(FAMILY, GIVEN, PATIENT_ID, BIRTH_DATE, "1931-04-17");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            lines.add(event.getLoggerName() + " " + event.getMDCPropertyMap() + " " + event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : " " + ThrowableProxyUtil.asString(
                    event.getThrowableProxy())));
        }
    };

    /** Starts capturing every log event of this JVM. */
    PhiTrace() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    /** Writes the patient into each file's Patient module with dcmtk's dcmodify. */
    static void stamp(List<Path> files) {
        Dcmtk.requireInstalled("dcmodify", "dcmdump");
        for (Path file : files) {
            List<String> command = new ArrayList<>(List.of("dcmodify", "-nb",
                    "-i", "(0010,0010)=" + FAMILY + "^" + GIVEN,
                    "-i", "(0010,0020)=" + PATIENT_ID,
                    "-i", "(0010,0030)=" + BIRTH_DATE, file.toString()));
            Dcmtk.Result result = Dcmtk.run(command, Dcmtk.DEFAULT_TIMEOUT);
            assertThat(result.succeeded()).as(result.output()).isTrue();
            Dcmtk.Result dump = Dcmtk.run(List.of("dcmdump", "+P", "0010,0010", "+P", "0010,0020", file.toString()),
                    Dcmtk.DEFAULT_TIMEOUT);
            assertThat(dump.output()).as("the stamped file").contains(FAMILY + "^" + GIVEN).contains(PATIENT_ID);
        }
    }

    int logLines() {
        return lines.size();
    }

    void assertNotInLogs() {
        assertThat(lines).as("log lines").isNotEmpty()
                .allSatisfy(line -> assertNoTrace("a log line", line));
    }

    /**
     * Study, Series and SOP Instance UIDs identify a patient's examination too: events and FHIR resources must hold
     * them, logs must not (unless a log-phi option is set).
     */
    void assertUidsNotInLogs(List<String> uids) {
        for (String uid : uids) {
            assertThat(lines).as("log lines").allSatisfy(line -> assertThat(line)
                    .as("a log line holds the UID %s", uid).doesNotContain(uid));
        }
    }

    /** @return how many records were searched */
    static int assertNotInTopics(String bootstrapServers) {
        TopicReader reader = new TopicReader(bootstrapServers);
        int searched = 0;
        for (Topic topic : Topic.all()) {
            for (ConsumerRecord<String, byte[]> record : reader.readAll(topic.name())) {
                StringBuilder text = new StringBuilder(String.valueOf(record.key())).append(' ');
                if (record.value() != null) {
                    text.append(new String(record.value(), StandardCharsets.UTF_8));
                }
                for (Header header : record.headers()) {
                    text.append(' ').append(header.key()).append('=')
                            .append(new String(header.value(), StandardCharsets.UTF_8));
                }
                assertNoTrace("a record of " + topic.name(), text.toString());
                searched++;
            }
        }
        return searched;
    }

    static void assertNoTrace(String where, String text) {
        for (String trace : TRACES) {
            assertThat(text).as("%s holds the patient's %s", where, trace).doesNotContain(trace);
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
