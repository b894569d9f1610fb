package org.spagateway.dicom.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every PDU after the A-ASSOCIATE-RQ is read whole and checked before PixelMed, which allocates whatever a header
 * declares, sees it. A peer sends only the bytes given here, so a check that needed the body would end in
 * {@link EOFException} instead of the refusal.
 */
class PduScreenTest {

    private static final int OFFERED = 16384;
    private static final Duration PDU_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void passesPDataPdusWithinTheOfferedLengthThroughUnchanged() throws Exception {
        byte[] first = pData(pdv(1, 0x03, new byte[] {9, 9}));
        byte[] second = pData(pdv(1, 0x02, new byte[OFFERED - 6 - 4]));
        MemorySocket peer = new MemorySocket(concat(first, second));

        byte[] read = screen(peer, PDU_TIMEOUT).readAllBytes();

        assertThat(read).isEqualTo(concat(first, second));
        assertThat(peer.written.toByteArray()).isEmpty();
    }

    @Test
    void refusesAPDataPduLongerThanOfferedFromItsHeaderAlone() throws Exception {
        MemorySocket peer = new MemorySocket(new byte[] {0x04, 0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});

        assertThatThrownBy(() -> screen(peer, PDU_TIMEOUT).read()).isInstanceOf(PduScreen.PduRefused.class)
                .hasMessageContaining("P-DATA-TF of 2147483647 bytes, longer than the 16384 offered");
        assertThat(peer.written.toByteArray()).containsExactly(AbortPdu.bytes(2, 6));
    }

    @Test
    void refusesAPresentationDataValueThatRunsPastItsPdu() throws Exception {
        byte[] pdu = pData(pdv(1, 0x03, new byte[] {9, 9}));
        pdu[6] = 0x7f;
        MemorySocket peer = new MemorySocket(pdu);

        assertThatThrownBy(() -> screen(peer, PDU_TIMEOUT).read()).isInstanceOf(PduScreen.PduRefused.class)
                .hasMessageContaining("PDV item of");
        assertThat(peer.written.toByteArray()).containsExactly(AbortPdu.bytes(2, 6));
    }

    @Test
    void refusesAnEmptyPDataPdu() {
        MemorySocket peer = new MemorySocket(new byte[] {0x04, 0, 0, 0, 0, 0});

        assertThatThrownBy(() -> screen(peer, PDU_TIMEOUT).read()).isInstanceOf(PduScreen.PduRefused.class);
        assertThat(peer.written.toByteArray()).containsExactly(AbortPdu.bytes(2, 6));
    }

    @Test
    void refusesAnAssociateRequestOnAnEstablishedAssociationAsUnexpected() {
        MemorySocket peer = new MemorySocket(new byte[] {0x01, 0, 0, 0, 0, 0x44});

        assertThatThrownBy(() -> screen(peer, PDU_TIMEOUT).read()).isInstanceOf(PduScreen.PduRefused.class);
        assertThat(peer.written.toByteArray()).containsExactly(AbortPdu.bytes(2, 2));
    }

    @Test
    void refusesAnUnknownPduTypeAsUnrecognized() {
        MemorySocket peer = new MemorySocket(new byte[] {0x09, 0, 0, 0, 0, 4, 0, 0, 0, 0});

        assertThatThrownBy(() -> screen(peer, PDU_TIMEOUT).read()).isInstanceOf(PduScreen.PduRefused.class);
        assertThat(peer.written.toByteArray()).containsExactly(AbortPdu.bytes(2, 1));
    }

    @Test
    void refusesAReleaseRequestThatIsNotFourBytesLong() {
        MemorySocket peer = new MemorySocket(new byte[] {0x05, 0, 0x7f, 0, 0, 0});

        assertThatThrownBy(() -> screen(peer, PDU_TIMEOUT).read()).isInstanceOf(PduScreen.PduRefused.class);
        assertThat(peer.written.toByteArray()).containsExactly(AbortPdu.bytes(2, 6));
    }

    @Test
    void passesAReleaseRequest() throws Exception {
        byte[] release = {0x05, 0, 0, 0, 0, 4, 0, 0, 0, 0};

        assertThat(screen(new MemorySocket(release), PDU_TIMEOUT).readAllBytes()).isEqualTo(release);
    }

    @Test
    void abortsWhenThePduDoesNotArriveWholeInTime() {
        MemorySocket peer = new MemorySocket(pData(pdv(1, 0x03, new byte[] {9, 9})));

        assertThatThrownBy(() -> screen(peer, Duration.ZERO).read()).isInstanceOf(ReadDeadlineExceeded.class);
        assertThat(peer.written.toByteArray()).containsExactly(AbortPdu.bytes(2, 0));
    }

    @Test
    void reportsAConnectionClosedInsideAPdu() {
        byte[] pdu = pData(pdv(1, 0x03, new byte[100]));
        MemorySocket peer = new MemorySocket(java.util.Arrays.copyOf(pdu, 50));

        assertThatThrownBy(() -> screen(peer, PDU_TIMEOUT).read()).isInstanceOf(EOFException.class);
    }

    @Test
    void endsQuietlyWhenTheConnectionClosesBetweenPdus() throws Exception {
        assertThat(screen(new MemorySocket(new byte[0]), PDU_TIMEOUT).read()).isEqualTo(-1);
    }

    private static PduScreen screen(MemorySocket peer, Duration timeout) throws Exception {
        return new PduScreen(new DeadlineInput(peer), peer.getOutputStream(), OFFERED, timeout);
    }

    /** A PDV item (PS3.8 9.3.5.1): length, presentation context ID, message control header, value. */
    static byte[] pdv(int contextId, int messageControlHeader, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = value.length + 2;
        out.writeBytes(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
            (byte) length, (byte) contextId, (byte) messageControlHeader});
        out.writeBytes(value);
        return out.toByteArray();
    }

    static byte[] pData(byte[] items) {
        int length = items.length;
        return concat(new byte[] {0x04, 0, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
            (byte) length}, items);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
