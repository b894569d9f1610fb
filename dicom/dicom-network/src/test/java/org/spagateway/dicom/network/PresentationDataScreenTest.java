package org.spagateway.dicom.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.network.DicomNetworkException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Presentation data values reach the receiver only on accepted contexts, command first (PS3.8 9.3.3.2, E.2). */
class PresentationDataScreenTest {

    private final List<String> received = new ArrayList<>();
    private final PresentationDataScreen screen = new PresentationDataScreen(Set.of((byte) 1, (byte) 3),
            (context, command, last, value) -> {
                received.add(context + (command ? " command" : " data") + (last ? " last" : ""));
                return !command && last;
            });

    @Test
    void passesAMessageOnAnAcceptedContextInOrder() throws Exception {
        assertThat(screen.receive((byte) 3, true, true, new byte[2])).isFalse();
        assertThat(screen.receive((byte) 3, false, false, new byte[2])).isFalse();
        assertThat(screen.receive((byte) 3, false, true, new byte[2])).isTrue();

        assertThat(received).containsExactly("3 command last", "3 data", "3 data last");
    }

    @Test
    void refusesAValueOnAContextThatWasNotAccepted() {
        assertThatThrownBy(() -> screen.receive((byte) 5, true, true, new byte[2]))
                .isInstanceOf(DicomNetworkException.class).hasMessageContaining("context 5");
        assertThat(received).isEmpty();
    }

    @Test
    void refusesACommandFragmentAfterTheCommandSetEnded() throws Exception {
        screen.receive((byte) 1, true, false, new byte[2]);
        screen.receive((byte) 1, true, true, new byte[2]);
        screen.receive((byte) 1, false, false, new byte[2]);

        assertThatThrownBy(() -> screen.receive((byte) 1, true, true, new byte[2]))
                .isInstanceOf(DicomNetworkException.class).hasMessageContaining("command fragment");
        assertThat(received).hasSize(3);
    }
}
