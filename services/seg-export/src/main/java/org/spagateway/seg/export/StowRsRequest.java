package org.spagateway.seg.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The body of a STOW-RS Store Instances request (PS3.18 10.5.1.1, 8.6.1.2): one {@code application/dicom} part
 * holding a Part 10 file, in a {@code multipart/related} body (RFC 2387) whose boundary occurs nowhere in the file.
 *
 * @param contentType the request's {@code Content-Type}, with the {@code type} and {@code boundary} parameters
 * @param body        the multipart body
 */
record StowRsRequest(String contentType, byte[] body) {

    /** The media type of each part: a DICOM Part 10 file (PS3.18 8.7.3.2). */
    static final String PART_TYPE = "application/dicom";
    private static final byte[] CRLF = {'\r', '\n'};

    StowRsRequest {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    /** The request carrying {@code part10}, with a random boundary. */
    static StowRsRequest of(byte[] part10) {
        return of(part10, () -> "spa-gateway-" + UUID.randomUUID());
    }

    /**
     * The request carrying {@code part10}, with the first boundary from {@code boundaries} that the file does not
     * contain (RFC 2046 5.1.1: the boundary must not appear inside an encapsulated part).
     */
    static StowRsRequest of(byte[] part10, Supplier<String> boundaries) {
        String boundary = boundaries.get();
        for (int tries = 1; contains(part10, ("--" + boundary).getBytes(StandardCharsets.US_ASCII)); tries++) {
            if (tries == 10) {
                throw new IllegalStateException("no boundary absent from the file after " + tries + " tries");
            }
            boundary = boundaries.get();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(part10.length + 256);
        out.writeBytes(ascii("--" + boundary));
        out.writeBytes(CRLF);
        out.writeBytes(ascii("Content-Type: " + PART_TYPE));
        out.writeBytes(CRLF);
        out.writeBytes(CRLF);
        out.writeBytes(part10);
        out.writeBytes(CRLF);
        out.writeBytes(ascii("--" + boundary + "--"));
        out.writeBytes(CRLF);
        return new StowRsRequest("multipart/related; type=\"" + PART_TYPE + "\"; boundary=" + boundary,
                out.toByteArray());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean contains(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StowRsRequest that && contentType.equals(that.contentType)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * contentType.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "StowRsRequest[" + contentType + ", " + body.length + " bytes]";
    }
}
