package org.spagateway.dicom.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A deadline over many reads: each read may wait only for what is left of it. */
class DeadlineInputTest {

    @Test
    void givesEachReadOnlyWhatIsLeftOfTheDeadline() throws Exception {
        MemorySocket socket = new MemorySocket(new byte[] {1, 2, 3});
        DeadlineInput in = new DeadlineInput(socket);

        in.expireAfter(Duration.ofSeconds(10), "the request");
        int first = in.read();

        assertThat(first).isEqualTo(1);
        assertThat(socket.getSoTimeout()).isBetween(1, 10_000);
    }

    @Test
    void refusesToReadOnceTheDeadlineHasPassedHoweverMuchIsWaiting() throws Exception {
        DeadlineInput in = new DeadlineInput(new MemorySocket(new byte[] {1, 2, 3}));

        in.expireAfter(Duration.ZERO, "the request");

        assertThatThrownBy(in::read).isInstanceOf(ReadDeadlineExceeded.class)
                .hasMessageContaining("the request did not arrive whole within 0 ms");
    }

    @Test
    void reportsTheSocketsReadTimeoutAsTheDeadline() throws Exception {
        InputStream silent = new InputStream() {
            @Override
            public int read() throws SocketTimeoutException {
                throw new SocketTimeoutException("Read timed out");
            }
        };
        DeadlineInput in = new DeadlineInput(new MemorySocket(silent));

        in.expireAfter(Duration.ofSeconds(10), "the next PDU");

        assertThatThrownBy(() -> in.read(new byte[4], 0, 4)).isInstanceOf(ReadDeadlineExceeded.class)
                .hasMessageContaining("the next PDU");
    }
}
