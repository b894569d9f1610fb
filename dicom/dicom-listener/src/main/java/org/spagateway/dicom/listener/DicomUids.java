package org.spagateway.dicom.listener;

import java.util.regex.Pattern;

/**
 * UID syntax (PS3.5 9.1), checked before a UID becomes part of a file path. Components must be digits separated by
 * single dots, at most 64 characters: no "..", no "/", nothing that can leave the storage root. Leading zeros in a
 * component are tolerated (PS3.5 forbids them, but some modalities emit them and refusing their images would lose
 * clinical data; they are harmless in a path).
 */
final class DicomUids {

    private static final Pattern SYNTAX = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private DicomUids() {
    }

    static boolean isValid(String uid) {
        return uid != null && !uid.isEmpty() && uid.length() <= 64 && SYNTAX.matcher(uid).matches();
    }
}
