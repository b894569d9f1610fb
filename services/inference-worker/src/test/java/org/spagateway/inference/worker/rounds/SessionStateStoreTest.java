package org.spagateway.inference.worker.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.dicom.seg.MaskGrid;

class SessionStateStoreTest {

    private final SessionStateStore store = new SessionStateStore();

    @TempDir
    Path session;

    @Test
    void aRecommendedMaskReadsBackPixelForPixelFromASmallPng() throws Exception {
        boolean[] pixels = new boolean[37 * 23];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 7919) % 5 == 0;
        }
        MaskGrid mask = MaskGrid.of(37, 23, pixels);

        Path file = store.saveRecommended(session, 2, mask);

        assertThat(file.getFileName().toString()).isEqualTo("round-2.recommended.png");
        assertThat(store.loadRecommended(session, 2)).isEqualTo(mask);
        assertThatThrownBy(() -> store.loadRecommended(session, 3)).isInstanceOf(NoSuchFileException.class);
        try (Stream<Path> files = Files.list(session)) {
            assertThat(files).as("no temporary file left").hasSize(1);
        }
    }

    @Test
    void thePriorIsFixedByTheFirstRoundThatStoresIt() throws Exception {
        SessionPrior first = new SessionPrior("dr-rivera", 3, List.of(0.25, 0.75));

        assertThat(store.claimPrior(session, () -> first)).isEqualTo(first);
        assertThat(store.claimPrior(session, () -> new SessionPrior("dr-rivera", 4, List.of(0.5, 0.5))))
                .isEqualTo(first);
        assertThat(store.claimPrior(session, () -> SessionPrior.COLD_START)).isEqualTo(first);
        assertThat(first.piOrNull()).containsExactly(0.25f, 0.75f);
    }

    @Test
    void aColdStartIsStoredAsSuchAndHasNoPi() throws Exception {
        assertThat(store.claimPrior(session, () -> new SessionPrior("dr-okafor", null, null)).piOrNull()).isNull();
        assertThat(store.claimPrior(session, () -> new SessionPrior("dr-okafor", 1, List.of(1.0))).profileVersion())
                .isNull();
    }

    @Test
    void aTornStateOrMaskIsSetAsideAndReadsAsMissing() throws Exception {
        Files.write(session.resolve(SessionStateStore.fileName(1)), new byte[0]);
        Files.writeString(session.resolve(SessionStateStore.recommendedName(1)), "\u0089PNG torn");

        assertThatThrownBy(() -> store.load(session, 1)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("set aside");
        assertThatThrownBy(() -> store.loadRecommended(session, 1)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("set aside");
        assertThatThrownBy(() -> store.load(session, 1)).isInstanceOf(NoSuchFileException.class);
        try (Stream<Path> files = Files.list(session.resolve("quarantine"))) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void aTornPriorIsSetAsideAndTheRoundStoresItsOwn() throws Exception {
        Files.writeString(session.resolve(SessionStateStore.PRIOR), "{\"clinician\":");
        SessionPrior chosen = new SessionPrior("dr-rivera", 3, List.of(0.25, 0.75));

        assertThat(store.claimPrior(session, () -> chosen)).isEqualTo(chosen);
        assertThat(store.claimPrior(session, () -> SessionPrior.COLD_START)).isEqualTo(chosen);
    }
}
