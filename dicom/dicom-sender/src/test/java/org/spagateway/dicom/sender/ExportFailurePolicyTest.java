package org.spagateway.dicom.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.spagateway.dicom.sender.StoreOutcome.Disposition;

class ExportFailurePolicyTest {

    @Test
    void treatsSuccessAsStoredAndWarningsAndDuplicatesAsStoredWithWarning() {
        assertThat(ExportFailurePolicy.forStatus(0x0000)).isEqualTo(Disposition.STORED);
        assertThat(ExportFailurePolicy.forStatus(0xB000)).isEqualTo(Disposition.STORED_WITH_WARNING);
        assertThat(ExportFailurePolicy.forStatus(0xB007)).isEqualTo(Disposition.STORED_WITH_WARNING);
        assertThat(ExportFailurePolicy.forStatus(0x0111)).isEqualTo(Disposition.STORED_WITH_WARNING);
    }

    @Test
    void retriesOutOfResourcesAndProcessingFailures() {
        assertThat(ExportFailurePolicy.forStatus(0xA700)).isEqualTo(Disposition.RETRIABLE);
        assertThat(ExportFailurePolicy.forStatus(0xA7FF)).isEqualTo(Disposition.RETRIABLE);
        assertThat(ExportFailurePolicy.forStatus(0x0110)).isEqualTo(Disposition.RETRIABLE);
        assertThat(ExportFailurePolicy.forStatus(0x0213)).isEqualTo(Disposition.RETRIABLE);
    }

    @Test
    void givesUpOnSopClassNotSupportedMismatchAndCannotUnderstand() {
        assertThat(ExportFailurePolicy.forStatus(0x0122)).isEqualTo(Disposition.PERMANENT);
        assertThat(ExportFailurePolicy.forStatus(0x0124)).isEqualTo(Disposition.PERMANENT);
        assertThat(ExportFailurePolicy.forStatus(0xA900)).isEqualTo(Disposition.PERMANENT);
        assertThat(ExportFailurePolicy.forStatus(0xC001)).isEqualTo(Disposition.PERMANENT);
    }

    @Test
    void retriesAnUnknownFailureStatusBecauseRetriesAreBounded() {
        assertThat(ExportFailurePolicy.forStatus(0x0999)).isEqualTo(Disposition.RETRIABLE);
    }

    @Test
    void classifiesConnectionFailuresAsRetriable() {
        assertThat(failureOf(new ConnectException("Connection refused"))).isEqualTo(StoreFailure.CONNECTION_REFUSED);
        assertThat(failureOf(new SocketTimeoutException("Read timed out"))).isEqualTo(StoreFailure.TIMEOUT);
        assertThat(failureOf(new UnknownHostException("pacs.invalid"))).isEqualTo(StoreFailure.UNKNOWN_HOST);
        assertThat(failureOf(new EOFException())).isEqualTo(StoreFailure.ASSOCIATION_ABORTED);
        assertThat(failureOf(new IOException("Broken pipe"))).isEqualTo(StoreFailure.NETWORK_ERROR);
        for (StoreFailure failure : new StoreFailure[] {StoreFailure.CONNECTION_REFUSED, StoreFailure.TIMEOUT,
                StoreFailure.UNKNOWN_HOST, StoreFailure.ASSOCIATION_ABORTED, StoreFailure.NETWORK_ERROR,
                StoreFailure.ASSOCIATION_REJECTED_TRANSIENT}) {
            assertThat(ExportFailurePolicy.forFailure(failure)).as("%s", failure).isEqualTo(Disposition.RETRIABLE);
        }
    }

    @Test
    void seesTheTransportFailureInsideAWrappedAssociationFailure() {
        assertThat(ExportFailurePolicy.forUpperLayerMessage("A-P-ABORT indication - (127.0.0.1:4242) - "
                + "java.net.ConnectException: Connection refused")).isEqualTo(StoreFailure.CONNECTION_REFUSED);
        assertThat(ExportFailurePolicy.forUpperLayerMessage("A-P-ABORT indication - (pacs:104) - "
                + "java.net.SocketTimeoutException: Read timed out")).isEqualTo(StoreFailure.TIMEOUT);
        assertThat(ExportFailurePolicy.forUpperLayerMessage("A-P-ABORT indication - (pacs.invalid:104) - "
                + "java.net.UnknownHostException: pacs.invalid")).isEqualTo(StoreFailure.UNKNOWN_HOST);
    }

    @Test
    void distinguishesTransientFromPermanentAssociationRejection() {
        StoreFailure permanent = ExportFailurePolicy.forUpperLayerMessage("A-ASSOCIATE-RJ indication - "
                + "rejected-permanent by DICOM UL Service User, calling AE Title not recognized");
        StoreFailure transientRejection = ExportFailurePolicy.forUpperLayerMessage("A-ASSOCIATE-RJ indication - "
                + "rejected-transient by DICOM UL Service Provider (Presentation related function), "
                + "temporary congestion");

        assertThat(permanent).isEqualTo(StoreFailure.ASSOCIATION_REJECTED_PERMANENT);
        assertThat(ExportFailurePolicy.forFailure(permanent)).isEqualTo(Disposition.PERMANENT);
        assertThat(transientRejection).isEqualTo(StoreFailure.ASSOCIATION_REJECTED_TRANSIENT);
        assertThat(ExportFailurePolicy.forFailure(transientRejection)).isEqualTo(Disposition.RETRIABLE);
    }

    @Test
    void treatsAbortsAsRetriableAndAMissingPresentationContextOrFileAsPermanent() {
        assertThat(ExportFailurePolicy.forUpperLayerMessage("A-ABORT indication - ..."))
                .isEqualTo(StoreFailure.ASSOCIATION_ABORTED);
        assertThat(ExportFailurePolicy.forUpperLayerMessage("No presentation context for Abstract Syntax 1.2"))
                .isEqualTo(StoreFailure.SOP_CLASS_NOT_ACCEPTED);
        assertThat(ExportFailurePolicy.forFailure(StoreFailure.SOP_CLASS_NOT_ACCEPTED)).isEqualTo(Disposition.PERMANENT);
        assertThat(ExportFailurePolicy.forFailure(StoreFailure.FILE_UNREADABLE)).isEqualTo(Disposition.PERMANENT);
    }

    @Test
    void treatsAFailedTlsHandshakeAsRetriableSoNoSegIsDeadLetteredForACertificateProblem() {
        StoreFailure failure = failureOf(new javax.net.ssl.SSLHandshakeException("PKIX path building failed"));

        assertThat(failure).isEqualTo(StoreFailure.TLS_HANDSHAKE_FAILED);
        assertThat(ExportFailurePolicy.forFailure(failure)).isEqualTo(Disposition.RETRIABLE);
    }

    @Test
    void anOutcomeOfAFailureStatusCarriesTheStatusAndADimseFailure() {
        StoreOutcome outcome = StoreOutcome.ofStatus(0xA702);

        assertThat(outcome.disposition()).isEqualTo(Disposition.RETRIABLE);
        assertThat(outcome.dimseStatus()).contains(0xA702);
        assertThat(outcome.failure()).contains(StoreFailure.DIMSE_FAILURE);
        assertThat(outcome.detail()).contains("A702", "out of resources");
    }

    private static StoreFailure failureOf(IOException e) {
        return ExportFailurePolicy.forIoException(e);
    }

    @Test
    void retriesAStowRsServerThatIsDownOrBusyAndGivesUpOnARefusalOrAnUnreadableAnswer() {
        assertThat(failureOf(new java.net.http.HttpConnectTimeoutException("HTTP connect timed out")))
                .isEqualTo(StoreFailure.TIMEOUT);
        assertThat(failureOf(new java.net.http.HttpTimeoutException("request timed out")))
                .isEqualTo(StoreFailure.TIMEOUT);
        assertThat(ExportFailurePolicy.forFailure(StoreFailure.HTTP_UNAVAILABLE)).isEqualTo(Disposition.RETRIABLE);
        assertThat(ExportFailurePolicy.forFailure(StoreFailure.HTTP_REFUSED)).isEqualTo(Disposition.PERMANENT);
        assertThat(ExportFailurePolicy.forFailure(StoreFailure.RESPONSE_UNREADABLE)).isEqualTo(Disposition.PERMANENT);
    }
}
