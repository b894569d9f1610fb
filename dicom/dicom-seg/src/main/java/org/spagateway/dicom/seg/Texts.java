package org.spagateway.dicom.seg;

/** Argument checks for text that ends up in DICOM string attributes of bounded length (PS3.5 6.2). */
final class Texts {

    private Texts() {
    }

    static String requireText(String value, String what, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(what + " is longer than " + maxLength + " characters: " + value);
        }
        if (value.contains("\\")) {
            throw new IllegalArgumentException(what + " must not contain a backslash (the DICOM value separator)");
        }
        return value;
    }

    /** Cuts {@code value} to the length a DICOM VR allows (LO 64, ST 1024), marking the cut with an ellipsis. */
    static String fit(String value, int maxLength) {
        return value.length() <= maxLength ? value : value.substring(0, maxLength - 3) + "...";
    }
}
