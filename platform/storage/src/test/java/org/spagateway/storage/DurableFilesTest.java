package org.spagateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {

    @TempDir
    Path folder;

    @Test
    void replaceWritesTheContentUnderTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path target = folder.resolve("a/b/state.json");

        DurableFiles.replace(target, bytes("one"));
        DurableFiles.replace(target, bytes("two"));

        assertThat(Files.readString(target)).isEqualTo("two");
        assertThat(names(target.getParent())).containsExactly("state.json");
    }

    @Test
    void aWriteThatFailsHalfWayLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path target = folder.resolve("state.json");
        DurableFiles.replace(target, bytes("whole"));

        assertThatThrownBy(() -> DurableFiles.replace(target, out -> {
            out.write(bytes("half"));
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(Files.readString(target)).isEqualTo("whole");
        assertThat(names(folder)).containsExactly("state.json");
    }

    @Test
    void createOnceKeepsTheFirstContentAndSaysWhetherItWrote() throws IOException {
        Path target = folder.resolve("s/choice-1.json");

        boolean first = DurableFiles.createOnce(target, bytes("first"));
        boolean second = DurableFiles.createOnce(target, bytes("second"));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(Files.readString(target)).isEqualTo("first");
        assertThat(names(target.getParent())).containsExactly("choice-1.json");
    }

    @Test
    void ofWritersRacingForOneNameExactlyOneWins() throws Exception {
        Path target = folder.resolve("choice-2.json");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> writers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String content = "writer " + i;
                writers.add(() -> DurableFiles.createOnce(target, bytes(content)));
            }
            long winners = 0;
            for (Future<Boolean> result : pool.invokeAll(writers)) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(Files.readString(target)).startsWith("writer ");
            assertThat(names(folder)).containsExactly("choice-2.json");
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
