package org.spagateway.seg.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class StowRsRequestTest {

    private static final byte[] PART10 = part10("DICM and some data set bytes");

    @Test
    void wrapsThePart10FileInOneApplicationDicomPartOfAMultipartRelatedBody() {
        StowRsRequest request = StowRsRequest.of(PART10, () -> "b0undary");

        assertThat(request.contentType())
                .isEqualTo("multipart/related; type=\"application/dicom\"; boundary=b0undary");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("--b0undary\r\nContent-Type: application/dicom\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(PART10);
        expected.writeBytes("\r\n--b0undary--\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(request.body()).isEqualTo(expected.toByteArray());
    }

    @Test
    void carriesTheFileByteForByteBetweenThePartHeadersAndTheClosingDelimiter() {
        byte[] binary = new byte[4096];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }

        StowRsRequest request = StowRsRequest.of(binary);

        String boundary = request.contentType().substring(request.contentType().indexOf("boundary=") + 9);
        byte[] head = ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(request.body()).hasSize(head.length + binary.length + tail.length);
        assertThat(Arrays.copyOfRange(request.body(), head.length, head.length + binary.length)).isEqualTo(binary);
        assertThat(boundary).startsWith("spa-gateway-").hasSizeLessThanOrEqualTo(70);
    }

    @Test
    void picksAnotherBoundaryWhenTheFileContainsTheFirst() {
        byte[] file = part10("DICM ... --clash ... pixel data");
        Iterator<String> boundaries = List.of("clash", "other").iterator();

        StowRsRequest request = StowRsRequest.of(file, boundaries::next);

        assertThat(request.contentType()).endsWith("boundary=other");
    }

    @Test
    void failsRatherThanSendAnAmbiguousBodyWhenEveryBoundaryOccursInTheFile() {
        byte[] file = part10("--clash");

        assertThatThrownBy(() -> StowRsRequest.of(file, () -> "clash")).isInstanceOf(IllegalStateException.class);
    }

    private static byte[] part10(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
