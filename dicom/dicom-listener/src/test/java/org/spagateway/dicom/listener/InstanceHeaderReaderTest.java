package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InstanceHeaderReaderTest {

    private static final String STUDY = "1.2.3.1";
    private static final String SERIES = "1.2.3.1.1";
    private static final String SOP = "1.2.3.1.1.1";

    private final InstanceHeaderReader reader = TestDatasets.headerReader();

    @Test
    void readsTheHeaderFromKeptBytesWhenPixelDataRunsBeyondThem() {
        byte[] dataset = TestDatasets.datasetWithSizes(SOP, STUDY, SERIES, 0, 3 * DatasetPrefix.CAPACITY);

        InstanceHeader header = reader.read(kept(dataset, DatasetPrefix.CAPACITY, 65524), TestDatasets.EXPLICIT_LE,
                "MODALITY").orElseThrow();

        assertThat(header.sopInstanceUid()).isEqualTo(SOP);
        assertThat(header.studyInstanceUid()).isEqualTo(STUDY);
        assertThat(header.seriesInstanceUid()).isEqualTo(SERIES);
        assertThat(header.sopClassUid()).isEqualTo(TestDatasets.CT);
        assertThat(header.transferSyntaxUid()).isEqualTo(TestDatasets.EXPLICIT_LE);
        assertThat(header.sourceAeTitle()).isEqualTo("MODALITY");
        assertThat(header.numberOfStudyRelatedInstances()).hasValue(3);
    }

    @Test
    void readsAShortDatasetKeptWhole() {
        byte[] dataset = TestDatasets.dataset(TestDatasets.CT, SOP, STUDY, SERIES, "CT", (byte) 1);

        assertThat(reader.read(kept(dataset, DatasetPrefix.CAPACITY, 7), TestDatasets.EXPLICIT_LE, "MODALITY"))
                .hasValueSatisfying(header -> assertThat(header.modality()).isEqualTo("CT"));
    }

    @Test
    void declinesWhenTheHeaderRunsPastTheKeptBytes() {
        byte[] dataset = TestDatasets.datasetWithSizes(SOP, STUDY, SERIES, 2 * 1024, 4);

        assertThat(reader.read(kept(dataset, 1024, 4096), TestDatasets.EXPLICIT_LE, "MODALITY")).isEmpty();
    }

    @Test
    void carriesThePatientAsAKeyedPseudonymOnly() {
        byte[] dataset = TestDatasets.datasetOfPatient(SOP, STUDY, SERIES, "HOSP", "PAT-7");

        InstanceHeader header = reader.read(kept(dataset, DatasetPrefix.CAPACITY, 7), TestDatasets.EXPLICIT_LE,
                "MODALITY").orElseThrow();

        assertThat(header.patientPseudonym()).isEqualTo(TestDatasets.PSEUDONYMS.of("HOSP", "PAT-7", "9.9"));
        assertThat(header.toString()).doesNotContain("PAT-7").doesNotContain("HOSP");
    }

    @Test
    void namesAPatientWithoutIdByTheStudy() {
        byte[] dataset = TestDatasets.datasetOfPatient(SOP, STUDY, SERIES, "HOSP", null);

        InstanceHeader header = reader.read(kept(dataset, DatasetPrefix.CAPACITY, 7), TestDatasets.EXPLICIT_LE,
                "MODALITY").orElseThrow();

        assertThat(header.patientPseudonym()).isEqualTo(TestDatasets.PSEUDONYMS.of(null, null, STUDY));
    }

    /** The bytes an {@link InstanceReception} keeps when the data set arrives in fragments of {@code fragment}. */
    private static DatasetPrefix kept(byte[] dataset, int capacity, int fragment) {
        DatasetPrefix prefix = new DatasetPrefix(capacity);
        for (int offset = 0; offset < dataset.length; offset += fragment) {
            prefix.append(Arrays.copyOfRange(dataset, offset, Math.min(dataset.length, offset + fragment)));
        }
        return prefix;
    }
}
