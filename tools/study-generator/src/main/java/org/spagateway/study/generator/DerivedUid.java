package org.spagateway.study.generator;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * UIDs under the {@code 2.25} root (PS3.5 B.2: the decimal value of a UUID), from a name-based UUID of a
 * descriptive string. Same name, same UID: regenerating a study with the same seed reproduces it exactly, and no
 * organisation root (PixelMed's included) is borrowed.
 */
final class DerivedUid {

    private DerivedUid() {
    }

    static String fromName(String name) {
        return "2.25." + unsignedValue(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    /** A non-negative 64-bit number derived from the name, for identifiers other than UIDs. */
    static long hash(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits() >>> 1;
    }

    private static BigInteger unsignedValue(UUID uuid) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return new BigInteger(1, bytes.array());
    }
}
