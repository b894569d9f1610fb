package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spagateway.dicom.listener.DicomMediaNegotiation.Representation;

class DicomMediaNegotiationTest {

    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    @Test
    void answersMultipartWhenTheClientSaysNothingOrAcceptsAnything() {
        assertThat(DicomMediaNegotiation.negotiate(null, EXPLICIT_LE)).contains(Representation.MULTIPART);
        assertThat(DicomMediaNegotiation.negotiate(" ", EXPLICIT_LE)).contains(Representation.MULTIPART);
        assertThat(DicomMediaNegotiation.negotiate("*/*", EXPLICIT_LE)).contains(Representation.MULTIPART);
    }

    @Test
    void answersMultipartRelatedOfApplicationDicomAsPs318NamesIt() {
        assertThat(DicomMediaNegotiation.negotiate("multipart/related; type=\"application/dicom\"", EXPLICIT_LE))
                .contains(Representation.MULTIPART);
        assertThat(DicomMediaNegotiation.negotiate("Multipart/Related;type=application/dicom;transfer-syntax=*",
                EXPLICIT_LE)).contains(Representation.MULTIPART);
    }

    @Test
    void answersABareApplicationDicomBodyWhenAskedForIt() {
        assertThat(DicomMediaNegotiation.negotiate("application/dicom", EXPLICIT_LE)).contains(Representation.SINGLE);
        assertThat(DicomMediaNegotiation.negotiate("application/dicom; transfer-syntax=" + EXPLICIT_LE, EXPLICIT_LE))
                .contains(Representation.SINGLE);
    }

    @Test
    void prefersTheRangeWithTheHighestQualityAndTheFirstOnATie() {
        assertThat(DicomMediaNegotiation.negotiate(
                "multipart/related; type=\"application/dicom\"; q=0.5, application/dicom", EXPLICIT_LE))
                .contains(Representation.SINGLE);
        assertThat(DicomMediaNegotiation.negotiate(
                "application/dicom, multipart/related; type=\"application/dicom\"", EXPLICIT_LE))
                .contains(Representation.SINGLE);
    }

    @Test
    void refusesWhatItCannotServe() {
        assertThat(DicomMediaNegotiation.negotiate("application/json", EXPLICIT_LE)).isEmpty();
        assertThat(DicomMediaNegotiation.negotiate("multipart/related; type=\"image/jpeg\"", EXPLICIT_LE)).isEmpty();
        assertThat(DicomMediaNegotiation.negotiate("application/dicom; q=0", EXPLICIT_LE)).isEmpty();
        assertThat(DicomMediaNegotiation.negotiate("application/dicom; q=abc", EXPLICIT_LE)).isEmpty();
    }

    @Test
    void refusesATransferSyntaxOtherThanTheStoredOneForItNeverTranscodes() {
        assertThat(DicomMediaNegotiation.negotiate("application/dicom; transfer-syntax=1.2.840.10008.1.2.4.50",
                EXPLICIT_LE)).isEmpty();
        assertThat(DicomMediaNegotiation.negotiate("application/dicom; transfer-syntax=1.2.840.10008.1.2.4.50, "
                + "multipart/related; type=\"application/dicom\"; transfer-syntax=*", EXPLICIT_LE))
                .contains(Representation.MULTIPART);
    }
}
