package org.spagateway.dicom.listener;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses how a stored instance is sent from a WADO-RS request's {@code Accept} header (PS3.18 8.7.3, RFC 9110
 * 12.5.1): {@code multipart/related; type="application/dicom"} with one part (the default, and what PS3.18 names for
 * a Retrieve Instance), or a bare {@code application/dicom} body when the client asks for it. The instance is sent as
 * stored, in its own transfer syntax (no transcoding): a {@code transfer-syntax} parameter other than {@code *} or that
 * syntax makes the range unacceptable. Ranges with {@code q=0} are refused; among the others the highest q wins, the
 * first listed on a tie. Nothing acceptable: 406.
 */
final class DicomMediaNegotiation {

    static final String APPLICATION_DICOM = "application/dicom";

    /** The two shapes of the response body. */
    enum Representation {
        /** {@code multipart/related; type="application/dicom"}, one part. */
        MULTIPART,
        /** {@code application/dicom}, the Part 10 file as the body. */
        SINGLE
    }

    private DicomMediaNegotiation() {
    }

    /**
     * @param accept            the header's value; null or blank means anything
     * @param transferSyntaxUid the stored instance's transfer syntax
     */
    static Optional<Representation> negotiate(String accept, String transferSyntaxUid) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(Representation.MULTIPART);
        }
        Representation best = null;
        double bestQ = 0;
        for (String range : split(accept, ',')) {
            List<String> parts = split(range, ';');
            String type = parts.get(0).trim().toLowerCase(Locale.ROOT);
            double q = 1;
            String bodyType = null;
            String syntax = null;
            for (String parameter : parts.subList(1, parts.size())) {
                int equals = parameter.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                String name = parameter.substring(0, equals).trim().toLowerCase(Locale.ROOT);
                String value = unquote(parameter.substring(equals + 1).trim());
                switch (name) {
                    case "q" -> q = quality(value);
                    case "type" -> bodyType = value.toLowerCase(Locale.ROOT);
                    case "transfer-syntax" -> syntax = value;
                    default -> { }
                }
            }
            Representation offered = representation(type, bodyType);
            boolean syntaxOk = syntax == null || syntax.equals("*") || syntax.equals(transferSyntaxUid);
            if (offered != null && syntaxOk && q > bestQ) {
                best = offered;
                bestQ = q;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Representation representation(String type, String bodyType) {
        return switch (type) {
            case "multipart/related" -> bodyType == null || bodyType.equals(APPLICATION_DICOM)
                    ? Representation.MULTIPART : null;
            case "multipart/*", "*/*" -> Representation.MULTIPART;
            case APPLICATION_DICOM, "application/*" -> Representation.SINGLE;
            default -> null;
        };
    }

    /** RFC 9110 12.4.2: 0 to 1 with at most three decimals; anything else counts as 0 (refused). */
    private static double quality(String value) {
        if (!value.matches("0(\\.\\d{0,3})?|1(\\.0{0,3})?")) {
            return 0;
        }
        return Double.parseDouble(value);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** Splits on {@code separator} outside double quotes. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
