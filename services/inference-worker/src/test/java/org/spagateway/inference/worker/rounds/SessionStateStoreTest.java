package org.spagateway.inference.worker.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.dicom.seg.MaskGrid;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionLedgerConfig;
import org.spagateway.spa.model.SessionState;

class SessionStateStoreTest {

    private static final String SESSION = "spa-00000000-0000-4000-8000-000000000001";

    @TempDir
    Path directory;
    private SessionLedger ledger;
    private SessionStateStore store;

    @BeforeEach
    void openLedger() {
        ledger = SessionLedgerConfig.embedded(directory.resolve("sessions")).ledger();
        store = new SessionStateStore(ledger.artifacts());
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void aRecommendedMaskReadsBackPixelForPixelFromASmallPngInTheDatabase() throws Exception {
        boolean[] pixels = new boolean[37 * 23];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 7919) % 5 == 0;
        }
        MaskGrid mask = MaskGrid.of(37, 23, pixels);
        SessionState state = new SessionState(SessionState.FORMAT_VERSION, "1.0.0", 7L, 2, List.of(), null,
                List.of(), List.of(), false, null);

        store.save(SESSION, 2, state, mask);

        assertThat(store.loadRecommended(SESSION, 2)).isEqualTo(mask);
        assertThat(store.load(SESSION, 2).round()).isEqualTo(2);
        assertThat(ledger.artifacts().recommendedMask(SESSION, 2).orElseThrow().length).isLessThan(2_000);
        assertThatThrownBy(() -> store.loadRecommended(SESSION, 3)).isInstanceOf(RoundStateMissingException.class)
                .hasMessageContaining("not stored");
        assertThatThrownBy(() -> store.load(SESSION, 3)).isInstanceOf(RoundStateMissingException.class);
    }

    @Test
    void thePriorIsFixedByTheFirstRoundThatStoresIt() throws Exception {
        SessionPrior first = new SessionPrior("dr-rivera", 3, List.of(0.25, 0.75));

        assertThat(store.claimPrior(SESSION, () -> first)).isEqualTo(first);
        assertThat(store.claimPrior(SESSION, () -> new SessionPrior("dr-rivera", 4, List.of(0.5, 0.5))))
                .isEqualTo(first);
        assertThat(store.claimPrior(SESSION, () -> SessionPrior.COLD_START)).isEqualTo(first);
        assertThat(first.piOrNull()).containsExactly(0.25f, 0.75f);
    }

    @Test
    void aColdStartIsStoredAsSuchAndHasNoPi() throws Exception {
        assertThat(store.claimPrior(SESSION, () -> new SessionPrior("dr-okafor", null, null)).piOrNull()).isNull();
        assertThat(store.claimPrior(SESSION, () -> new SessionPrior("dr-okafor", 1, List.of(1.0))).profileVersion())
                .isNull();
    }

    @Test
    void anUnreadableStateOrMaskReadsAsMissingNotAsAnOutage() throws Exception {
        ledger.artifacts().saveRoundState(SESSION, 1, "{\"formatVersion\":", "\u0089PNG torn".getBytes());

        assertThatThrownBy(() -> store.load(SESSION, 1)).isInstanceOf(RoundStateMissingException.class)
                .hasMessageContaining("unreadable");
        assertThatThrownBy(() -> store.loadRecommended(SESSION, 1)).isInstanceOf(RoundStateMissingException.class)
                .hasMessageContaining("unreadable");
    }
}
