package org.spagateway.dicom.seg;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * UIDs derived from names, so the same inputs always give the same UID and a redelivered request never creates a
 * second object. Form {@code 2.25.<decimal of a name-based UUID>} (PS3.5 B.2, ISO/IEC 9834-8): at most 44
 * characters, no organisation root needed.
 */
final class DeterministicUids {

    private static final String NAMESPACE = "org.spagateway/seg/";

    private DeterministicUids() {
    }

    /** A UID for the tuple {@code parts}; each part is length-prefixed so no two tuples share a name. */
    static String uid(String kind, String... parts) {
        StringBuilder name = new StringBuilder(NAMESPACE).append(kind);
        for (String part : parts) {
            name.append('|').append(part.length()).append(':').append(part);
        }
        UUID uuid = UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes = ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, bytes.array());
    }

    /** A small stable number in {@code [0, modulus)} for a name, e.g. to spread Series Numbers of sessions. */
    static int bucket(String name, int modulus) {
        return Math.floorMod(UUID.nameUUIDFromBytes((NAMESPACE + name).getBytes(StandardCharsets.UTF_8)).hashCode(),
                modulus);
    }
}
