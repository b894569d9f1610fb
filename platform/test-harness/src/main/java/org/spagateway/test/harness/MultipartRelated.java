package org.spagateway.test.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the parts of a {@code multipart/related} body (RFC 2387, RFC 2046 5.1), as DICOMweb servers answer WADO-RS
 * retrievals (PS3.18 8.6.1.2): each part's content without its headers, in order.
 */
public final class MultipartRelated {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|[^;\\s]+)");
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private MultipartRelated() {
    }

    /** The contents of the parts of {@code body}, whose {@code Content-Type} is {@code contentType}. */
    public static List<byte[]> parts(String contentType, byte[] body) throws IOException {
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
            throw new IOException("not multipart/related: " + contentType);
        }
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            throw new IOException("no boundary in " + contentType);
        }
        String value = boundary.group(2) != null ? boundary.group(2) : boundary.group(1);
        byte[] delimiter = ("--" + value).getBytes(StandardCharsets.US_ASCII);
        List<byte[]> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new IOException("no delimiter --" + value + " in the body");
        }
        while (true) {
            int afterDelimiter = at + delimiter.length;
            if (afterDelimiter + 1 < body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
                return parts;
            }
            int headersEnd = indexOf(body, HEADER_END, afterDelimiter);
            if (headersEnd < 0) {
                throw new IOException("a part without the blank line after its headers");
            }
            int contentStart = headersEnd + HEADER_END.length;
            byte[] next = ("\r\n--" + value).getBytes(StandardCharsets.US_ASCII);
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                throw new IOException("a part without a closing delimiter");
            }
            parts.add(Arrays.copyOfRange(body, contentStart, contentEnd));
            at = contentEnd + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
