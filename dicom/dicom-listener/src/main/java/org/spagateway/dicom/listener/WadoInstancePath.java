package org.spagateway.dicom.listener;

/**
 * The Retrieve Instance resource of WADO-RS (PS3.18 10.4.1.1.3): {@code /dicom-web/studies/{study}/series/{series}/
 * instances/{sop}}. A request path is parsed into three UIDs, each checked against the UID syntax (PS3.5 9.1: digits
 * and dots, at most 64 characters), so nothing a client writes can name a file: the instance is then looked up among
 * what is stored ({@link StoredInstanceLookup}).
 *
 * @param studyInstanceUid  (0020,000D)
 * @param seriesInstanceUid (0020,000E)
 * @param sopInstanceUid    (0008,0018)
 */
record WadoInstancePath(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {

    static final String ROOT = "/dicom-web";

    /** What a request path is. */
    sealed interface Parsed permits Instance, Malformed, Unknown {
    }

    /** An instance resource with valid UIDs. */
    record Instance(WadoInstancePath path) implements Parsed {
    }

    /** An instance resource whose UIDs are not UIDs (400). */
    record Malformed(String reason) implements Parsed {
    }

    /** Not a resource this endpoint serves (404). */
    record Unknown() implements Parsed {
    }

    /** Parses the (already percent-decoded) path of a request. */
    static Parsed parse(String requestPath) {
        if (requestPath == null || !requestPath.startsWith(ROOT + "/")) {
            return new Unknown();
        }
        String[] parts = requestPath.substring(ROOT.length() + 1).split("/", -1);
        if (parts.length != 6 || !parts[0].equals("studies") || !parts[2].equals("series")
                || !parts[4].equals("instances")) {
            return new Unknown();
        }
        for (int i : new int[] {1, 3, 5}) {
            if (!DicomUids.isValid(parts[i])) {
                return new Malformed("the " + (i == 1 ? "study" : i == 3 ? "series" : "SOP instance")
                        + " UID is not a DICOM UID (digits and dots, at most 64 characters)");
            }
        }
        return new Instance(new WadoInstancePath(parts[1], parts[3], parts[5]));
    }

    /** The resource of a stored instance, relative to the endpoint's base URL. */
    static String of(StoredInstance instance) {
        return ROOT + "/studies/" + instance.studyInstanceUid() + "/series/" + instance.seriesInstanceUid()
                + "/instances/" + instance.sopInstanceUid();
    }
}
