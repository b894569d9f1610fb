package org.spagateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineTest {

    @TempDir
    Path folder;

    private final Quarantine quarantine = new Quarantine(Clock.fixed(Instant.ofEpochMilli(1234), ZoneOffset.UTC));

    @Test
    void aFileSetAsideIsGoneFromItsFolderAndKeptInQuarantineWithItsContent() throws IOException {
        Path torn = Files.writeString(folder.resolve("round-1.json"), "{\"round\":");

        Path kept = quarantine.setAside(torn, "not JSON");

        assertThat(torn).doesNotExist();
        assertThat(kept).isEqualTo(folder.resolve("quarantine/round-1.json.1234"));
        assertThat(Files.readString(kept)).isEqualTo("{\"round\":");
    }

    @Test
    void aFileAnotherReaderSetAsideFirstIsLeftAsItIs() throws IOException {
        Path torn = Files.writeString(folder.resolve("round-1.json"), "");
        quarantine.setAside(torn, "empty");

        Path again = quarantine.setAside(torn, "empty");

        assertThat(again).isEqualTo(torn);
        assertThat(folder.resolve("quarantine/round-1.json.1234")).exists();
    }
}
