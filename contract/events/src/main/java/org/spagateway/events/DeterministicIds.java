package org.spagateway.events;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifiers derived from what they identify, so a redelivered or repeated input yields the very same event id,
 * request id, session id or DICOM UID, and consumers and PACS see a duplicate instead of a second object. The one
 * scheme every module uses: a name-based UUID (RFC 4122 version 3) of {@code spa-gateway/<kind>} followed by each
 * part as {@code |<length>:<part>}. The length prefix makes the encoding injective: no two different part lists
 * (a part holding {@code |}, an empty part, parts split differently) share a name; a kind is a plain token
 * ({@code [a-z0-9-]+}), so it cannot pose as parts either.
 */
public final class DeterministicIds {

    private static final String NAMESPACE = "spa-gateway/";
    private static final Pattern KIND = Pattern.compile("[a-z0-9-]+");

    private DeterministicIds() {
    }

    /** The name-based UUID of {@code kind} and {@code parts} (each part as {@link String#valueOf}, never null). */
    public static UUID uuid(String kind, Object... parts) {
        return UUID.nameUUIDFromBytes(name(kind, parts).getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #uuid} as its canonical string, for event ids and request ids. */
    public static String id(String kind, Object... parts) {
        return uuid(kind, parts).toString();
    }

    /**
     * A DICOM UID under the {@code 2.25} root: the decimal value of the UUID (PS3.5 B.2, ISO/IEC 9834-8), at most 44
     * characters, no organisation root needed.
     */
    public static String dicomUid(String kind, Object... parts) {
        UUID uuid = uuid(kind, parts);
        ByteBuffer bytes = ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, bytes.array());
    }

    /** A non-negative 63-bit number, e.g. a seed or a bucket for a number that is not an identifier. */
    public static long number(String kind, Object... parts) {
        return uuid(kind, parts).getMostSignificantBits() >>> 1;
    }

    /** The name the UUID is computed from (visible for the injectivity tests). */
    static String name(String kind, Object... parts) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("an id kind is a token of a-z, 0-9 and '-': " + kind);
        }
        StringBuilder name = new StringBuilder(NAMESPACE).append(kind);
        for (Object part : parts) {
            String text = String.valueOf(Objects.requireNonNull(part, "an id part is null"));
            name.append('|').append(text.length()).append(':').append(text);
        }
        return name.toString();
    }
}
