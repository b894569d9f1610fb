package org.spagateway.test.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartRelatedTest {

    @Test
    void readsEachPartWithoutItsHeadersAsOrthancsWadoRsAnswerHasThem() throws IOException {
        byte[] body = ("--8cd4-40a5\r\nContent-Type: application/dicom\r\nContent-Length: 5\r\nMIME-Version: 1.0\r\n\r\n"
                + "DICM1\r\n--8cd4-40a5\r\nContent-Type: application/dicom\r\n\r\nDI\r\nCM2\r\n--8cd4-40a5--\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        List<byte[]> parts = MultipartRelated.parts(
                "multipart/related; type=\"application/dicom\"; boundary=8cd4-40a5", body);

        assertThat(parts).extracting(part -> new String(part, StandardCharsets.ISO_8859_1))
                .containsExactly("DICM1", "DI\r\nCM2");
    }

    @Test
    void acceptsAQuotedBoundary() throws IOException {
        byte[] body = "--a b\r\n\r\nx\r\n--a b--".getBytes(StandardCharsets.US_ASCII);

        assertThat(MultipartRelated.parts("multipart/related; boundary=\"a b\"", body)).hasSize(1);
    }

    @Test
    void refusesABodyThatIsNotMultipartOrIsCutShort() {
        assertThatThrownBy(() -> MultipartRelated.parts("application/dicom", new byte[0]))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> MultipartRelated.parts("multipart/related; boundary=b",
                "--b\r\n\r\nno closing".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(IOException.class);
    }
}
