package org.spagateway.dicom.seg;

/**
 * The clinician who approved a segmentation.
 *
 * @param id         the identifier the reporting system knows the clinician by (e.g. a practitioner id)
 * @param personName the name in DICOM PN form, {@code Family^Given^Middle^Prefix^Suffix} (PS3.5 6.2.1)
 */
public record ClinicianIdentity(String id, String personName) {

    public ClinicianIdentity {
        Texts.requireText(id, "clinician id", 64);
        Texts.requireText(personName, "clinician person name", 64);
        if (personName.chars().filter(c -> c == '^').count() > 4) {
            throw new IllegalArgumentException("a DICOM person name has at most five components: " + personName);
        }
    }

    /** The name as people read it: prefix, given, middle, family, suffix ("Dr Ana Rivera" for Rivera^Ana^^Dr). */
    public String displayName() {
        String[] parts = (personName + "^^^^").split("\\^", -1);
        return java.util.stream.Stream.of(parts[3], parts[1], parts[2], parts[0], parts[4])
                .map(String::trim).filter(part -> !part.isEmpty())
                .collect(java.util.stream.Collectors.joining(" "));
    }
}
