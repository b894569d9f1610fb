package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.network.CStoreRequestCommandMessage;
import org.junit.jupiter.api.Test;

/** A command set's declared element lengths are checked before PixelMed allocates them. */
class CommandSetBoundsTest {

    @Test
    void acceptsARealCStoreRequest() throws Exception {
        byte[] command = new CStoreRequestCommandMessage(TestDatasets.CT, "1.2.3.4").getBytes();

        assertThat(CommandSetBounds.check(command)).isNull();
    }

    @Test
    void refusesAnElementDeclaringMoreBytesThanTheCommandSetHolds() {
        byte[] command = {0x00, 0x00, 0x02, 0x00, (byte) 0xf0, (byte) 0xff, (byte) 0xff, 0x7f, '1', 0};

        assertThat(CommandSetBounds.check(command))
                .isEqualTo("command element (0000,0002) declares 2147483632 bytes, 2 left");
    }

    @Test
    void refusesACommandSetEndingInsideAnElementHeader() {
        assertThat(CommandSetBounds.check(new byte[] {0x00, 0x00, 0x02})).contains("inside an element header");
    }
}
