package org.spagateway.dicom.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fixed fields of an A-ASSOCIATE-RQ (PS3.8 9.3.2, Table 9-11), read off the wire before PixelMed sees it. */
class AssociateRequestHeaderTest {

    /** Application Context Item (PS3.8 9.3.2.1): the DICOM application context name 1.2.840.10008.3.1.1.1. */
    private static final byte[] APPLICATION_CONTEXT = item(0x10, "1.2.840.10008.3.1.1.1".getBytes(
            StandardCharsets.US_ASCII));

    @Test
    void readsTheProtocolVersionAndTrimmedAeTitlesAndKeepsTheWholePdu() throws Exception {
        byte[] request = request(0x01, 1, "SPA_GATEWAY", "STORESCU");

        AssociateRequestHeader header = AssociateRequestHeader.read(new ByteArrayInputStream(request));

        assertThat(header.protocolVersion()).isEqualTo(1);
        assertThat(header.calledAeTitle()).isEqualTo("SPA_GATEWAY");
        assertThat(header.callingAeTitle()).isEqualTo("STORESCU");
        assertThat(header.pdu()).isEqualTo(request);
    }

    @Test
    void readsTheApplicationContextNameAndCountsThePresentationContexts() throws Exception {
        byte[] bare = request(0x01, 1, "SPA_GATEWAY", "STORESCU");
        byte[] withContexts = withItems(bare, item(0x20, new byte[] {1, 0, 0, 0}), item(0x20, new byte[] {3, 0, 0, 0}),
                item(0x50, new byte[0]));

        AssociateRequestHeader none = AssociateRequestHeader.read(new ByteArrayInputStream(bare));
        AssociateRequestHeader two = AssociateRequestHeader.read(new ByteArrayInputStream(withContexts));

        assertThat(none.applicationContextName()).isEqualTo(AssociateRequestHeader.DICOM_APPLICATION_CONTEXT);
        assertThat(none.presentationContextCount()).isZero();
        assertThat(two.presentationContextCount()).isEqualTo(2);
    }

    @Test
    void anItemOverrunningTheRequestEndsTheWalkInsteadOfReadingPastIt() throws Exception {
        byte[] overrun = withItems(request(0x01, 1, "SPA_GATEWAY", "STORESCU"), new byte[] {0x20, 0, 0x7f, 0x7f});

        AssociateRequestHeader header = AssociateRequestHeader.read(new ByteArrayInputStream(overrun));

        assertThat(header.presentationContextCount()).isZero();
        assertThat(header.applicationContextName()).isEqualTo(AssociateRequestHeader.DICOM_APPLICATION_CONTEXT);
    }

    @Test
    void readsNoFurtherThanTheRequestSoTheRestStaysOnTheConnection() throws Exception {
        byte[] request = request(0x01, 1, "SPA_GATEWAY", "STORESCU");
        ByteArrayInputStream connection = new ByteArrayInputStream(concat(request, new byte[] {0x04, 0, 0}));

        AssociateRequestHeader.read(connection);

        assertThat(connection.readAllBytes()).containsExactly(0x04, 0, 0);
    }

    @Test
    void refusesAFirstPduThatIsNotAnAssociateRequest() {
        byte[] releaseRequest = {0x05, 0, 0, 0, 0, 4, 0, 0, 0, 0};

        assertThatThrownBy(() -> AssociateRequestHeader.read(new ByteArrayInputStream(releaseRequest)))
                .isInstanceOf(AssociateRequestHeader.ProtocolViolation.class)
                .hasMessage("first PDU has type 0x5, not A-ASSOCIATE-RQ");
    }

    @Test
    void refusesALengthTooShortForTheFixedFields() {
        byte[] truncated = {0x01, 0, 0, 0, 0, 67};

        assertThatThrownBy(() -> AssociateRequestHeader.read(new ByteArrayInputStream(truncated)))
                .isInstanceOf(AssociateRequestHeader.ProtocolViolation.class)
                .hasMessage("A-ASSOCIATE-RQ length 67 is out of range");
    }

    @Test
    void refusesALengthAboveOneMebibyte() {
        byte[] huge = {0x01, 0, 0x00, 0x10, 0, 1};

        assertThatThrownBy(() -> AssociateRequestHeader.read(new ByteArrayInputStream(huge)))
                .isInstanceOf(AssociateRequestHeader.ProtocolViolation.class)
                .hasMessage("A-ASSOCIATE-RQ length 1048577 is out of range");
    }

    @Test
    void reportsAConnectionClosedBeforeAnyRequest() {
        assertThatThrownBy(() -> AssociateRequestHeader.read(new ByteArrayInputStream(new byte[2])))
                .isInstanceOf(AssociateRequestHeader.ProtocolViolation.class)
                .hasMessage("connection closed before an A-ASSOCIATE-RQ");
    }

    /** An A-ASSOCIATE-RQ PDU with an application context item as its only variable item. */
    static byte[] request(int type, int protocolVersion, String calledAe, String callingAe) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(protocolVersion >> 8);
        body.write(protocolVersion);
        body.writeBytes(new byte[2]);
        body.writeBytes(aeTitle(calledAe));
        body.writeBytes(aeTitle(callingAe));
        body.writeBytes(new byte[32]);
        body.writeBytes(APPLICATION_CONTEXT);
        byte[] fields = body.toByteArray();
        return concat(new byte[] {(byte) type, 0, (byte) (fields.length >> 24), (byte) (fields.length >> 16),
                (byte) (fields.length >> 8), (byte) fields.length}, fields);
    }

    /** The request with {@code items} appended and its PDU length updated. */
    private static byte[] withItems(byte[] request, byte[]... items) {
        byte[] pdu = request;
        for (byte[] item : items) {
            pdu = concat(pdu, item);
        }
        int length = pdu.length - 6;
        pdu[2] = (byte) (length >> 24);
        pdu[3] = (byte) (length >> 16);
        pdu[4] = (byte) (length >> 8);
        pdu[5] = (byte) length;
        return pdu;
    }

    private static byte[] aeTitle(String title) {
        return String.format("%-16s", title).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] item(int type, byte[] value) {
        return concat(new byte[] {(byte) type, 0, (byte) (value.length >> 8), (byte) value.length}, value);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
