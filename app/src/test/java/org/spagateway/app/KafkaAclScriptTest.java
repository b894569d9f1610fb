package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaAclScriptTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void printsTheReportingSystemsOnlyRightAndTheServicesGroupsAsConfigured() {
        int exit = KafkaAclScript.run(new String[] {"--bootstrap-server", "kafka.hospital:9093",
                "--principal", "reporting-system=ris"}, out, Map.of("SPA_WORKER_CONSUMER_GROUP", "workers-b"));

        assertThat(exit).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8).lines())
                .contains("kafka-acls.sh --bootstrap-server kafka.hospital:9093 --command-config admin.properties"
                        + " --add --allow-principal User:ris --operation Write --topic spa.choice.made")
                .contains("kafka-acls.sh --bootstrap-server kafka.hospital:9093 --command-config admin.properties"
                        + " --add --allow-principal User:spa-worker --operation Read --resource-pattern-type prefixed"
                        + " --group workers-b")
                .filteredOn(line -> line.contains("User:ris")).hasSize(1);
    }

    @Test
    void refusesAnUnknownRole() {
        assertThat(KafkaAclScript.run(new String[] {"--principal", "pacs=orthanc"}, out, Map.of())).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("usage:");
    }
}
