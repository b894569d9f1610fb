package org.spagateway.study.generator;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.spagateway.events.DeterministicIds;

/**
 * Patient- and study-level identity of a synthetic study. Derived from the Study Instance UID alone, so every
 * instance of a study (a late one generated with another seed included) names the same patient, accession and date.
 * Every name says SYNTHETIC: these objects must never be mistaken for a real patient's.
 */
record SyntheticPatient(String patientName, String patientId, String accessionNumber, String studyId,
                        String studyDate, String studyTime) {

    private static final LocalDate EPOCH = LocalDate.of(2024, 1, 1);

    static SyntheticPatient forStudy(DemoTask task, String studyInstanceUid) {
        long hash = DeterministicIds.number("synthetic-patient", studyInstanceUid);
        int number = (int) (hash % 10_000);
        String hex = String.format(Locale.ROOT, "%010X", hash & 0xFF_FFFF_FFFFL);
        LocalDate date = EPOCH.plusDays((hash >>> 20) % 366);
        LocalTime time = LocalTime.of(8, 0).plusSeconds((hash >>> 40) % (10 * 3600));
        return new SyntheticPatient(
                String.format(Locale.ROOT, "SYNTHETIC^%s^%04d", task.name(), number),
                "SYN-" + hex,
                "SYN" + hex.substring(0, 8),
                String.format(Locale.ROOT, "SYN%04d", number),
                date.format(DateTimeFormatter.BASIC_ISO_DATE),
                time.format(DateTimeFormatter.ofPattern("HHmmss")));
    }
}
