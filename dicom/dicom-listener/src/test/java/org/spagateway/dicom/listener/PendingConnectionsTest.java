package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import org.junit.jupiter.api.Test;

class PendingConnectionsTest {

    @Test
    void givesUpTheOldestConnectionWhenOneMoreArrives() {
        PendingConnections pending = new PendingConnections(2);
        Socket first = new Socket();
        Socket second = new Socket();
        Socket third = new Socket();

        assertThat(pending.add(first)).isEmpty();
        assertThat(pending.add(second)).isEmpty();
        assertThat(pending.add(third)).containsSame(first);
        assertThat(pending.size()).isEqualTo(2);
    }

    @Test
    void makesRoomWhenARequestHasBeenRead() {
        PendingConnections pending = new PendingConnections(1);
        Socket first = new Socket();
        pending.add(first);

        pending.remove(first);

        assertThat(pending.add(new Socket())).isEmpty();
    }
}
