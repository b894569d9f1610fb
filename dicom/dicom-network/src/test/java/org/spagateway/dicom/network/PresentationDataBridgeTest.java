package org.spagateway.dicom.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.network.PDataPDU;
import com.pixelmed.network.PresentationDataBridge;
import com.pixelmed.network.PresentationDataValue;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bridge hands every presentation data value of a P-DATA-TF PDU (PS3.8 9.3.5) to the receiver, in order. */
class PresentationDataBridgeTest {

    private final List<String> received = new ArrayList<>();

    @Test
    void passesEachValueOnAndIsDoneWhenTheReceiverHasAWholeMessage() throws Exception {
        PresentationDataBridge bridge = new PresentationDataBridge((context, command, last, value) -> {
            received.add(context + (command ? " command " : " data ") + (last ? "last " : "more ") + value.length);
            return !command && last;
        });

        bridge.sendPDataIndication(pdu(value(1, true, true, 12)), null);
        boolean doneAfterCommand = bridge.isDone();
        bridge.sendPDataIndication(pdu(value(1, false, false, 100), value(1, false, true, 40)), null);

        assertThat(received).containsExactly("1 command last 12", "1 data more 100", "1 data last 40");
        assertThat(doneAfterCommand).isFalse();
        assertThat(bridge.isDone()).isTrue();
    }

    private static PresentationDataValue value(int context, boolean command, boolean last, int length)
            throws Exception {
        return new PresentationDataValue((byte) context, new byte[length], command, last);
    }

    /** A P-DATA-TF PDU as PixelMed parses it off the wire. */
    private static PDataPDU pdu(PresentationDataValue... values) throws Exception {
        return new PDataPDU(new PDataPDU(new LinkedList<>(List.of(values))).getBytes());
    }
}
