package org.spagateway.fhir.adapter;

import java.util.Arrays;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Practitioner;
import org.spagateway.events.Clinician;

/**
 * A clinician as an R4 Practitioner: identified by the identifier the reporting system knows them by
 * ({@code system|id}, {@value #DEFAULT_SYSTEM} when the event names no system), named from the DICOM Person Name
 * (PS3.5 6.2, value representation PN: {@code Family^Given^Middle^Prefix^Suffix}, alphabetic group only).
 *
 * <p>Written by conditional create on the identifier, so the first event that names a clinician fixes the name the
 * gateway records; a Practitioner the hospital already holds under the same identifier is used as it is.
 */
final class PractitionerMapper {

    /** The identifier system of a clinician whose event names none: ids of the reporting system's own namespace. */
    static final String DEFAULT_SYSTEM = "urn:spa-gateway:clinician";

    static Identifier identifier(Clinician clinician) {
        return new Identifier().setSystem(system(clinician)).setValue(clinician.id());
    }

    /** The search token {@code system|id}. */
    static String identifierToken(Clinician clinician) {
        return system(clinician) + "|" + clinician.id();
    }

    private static String system(Clinician clinician) {
        return clinician.system() == null || clinician.system().isBlank() ? DEFAULT_SYSTEM : clinician.system();
    }

    Practitioner map(Clinician clinician) {
        Practitioner practitioner = new Practitioner().addIdentifier(identifier(clinician));
        HumanName name = name(clinician.personName());
        if (name != null) {
            practitioner.addName(name);
        }
        return practitioner;
    }

    /** The alphabetic component group of a PN value as a HumanName; null when there is no name. */
    static HumanName name(String personName) {
        if (personName == null || personName.isBlank()) {
            return null;
        }
        String alphabetic = personName.split("=", -1)[0];
        String[] parts = Arrays.copyOf(alphabetic.split("\\^", -1), 5);
        HumanName name = new HumanName().setUse(HumanName.NameUse.OFFICIAL);
        if (present(parts[0])) {
            name.setFamily(parts[0].trim());
        }
        for (String given : new String[] {parts[1], parts[2]}) {
            if (present(given)) {
                name.addGiven(given.trim());
            }
        }
        if (present(parts[3])) {
            name.addPrefix(parts[3].trim());
        }
        if (present(parts[4])) {
            name.addSuffix(parts[4].trim());
        }
        return name.hasFamily() || name.hasGiven() || name.hasPrefix() || name.hasSuffix() ? name : null;
    }

    private static boolean present(String part) {
        return part != null && !part.isBlank();
    }
}
