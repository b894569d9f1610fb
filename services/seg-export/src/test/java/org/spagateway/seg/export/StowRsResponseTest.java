package org.spagateway.seg.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.spagateway.dicom.sender.StoreFailure;
import org.spagateway.dicom.sender.StoreOutcome;
import org.spagateway.dicom.sender.StoreOutcome.Disposition;

class StowRsResponseTest {

    private static final String SOP = "2.25.123456789";
    private static final String OTHER = "2.25.987654321";

    /** Orthanc 1.10.1 with DICOMweb 1.7, as it answers a first STOW and a duplicate alike (seen here). */
    private static final String ORTHANC_SUCCESS = """
            { "00080005" : { "Value" : [ "ISO_IR 100" ], "vr" : "CS" },
              "00081190" : { "Value" : [ "http://127.0.0.1:8042/dicom-web/studies/2.25.1" ], "vr" : "UR" },
              "00081198" : { "vr" : "SQ" },
              "00081199" : { "Value" : [ {
                  "00081150" : { "Value" : [ "1.2.840.10008.5.1.4.1.1.66.4" ], "vr" : "UI" },
                  "00081155" : { "Value" : [ "2.25.123456789" ], "vr" : "UI" },
                  "00081190" : { "Value" : [ "http://127.0.0.1:8042/dicom-web/studies/2.25.1/series/2.25.2/instances/2.25.123456789" ], "vr" : "UR" }
                } ], "vr" : "SQ" } }
            """;

    @Test
    void storedWhenTheReferencedSopSequenceNamesTheInstance() {
        StoreOutcome outcome = classify(200, ORTHANC_SUCCESS);

        assertThat(outcome.disposition()).isEqualTo(Disposition.STORED);
        assertThat(outcome.dimseStatus()).contains(0);
        assertThat(outcome.detail()).doesNotContain(SOP);
    }

    @Test
    void storedWithTheWarningReasonOfTheInstancesItem() {
        StoreOutcome outcome = classify(202, referenced(SOP, "\"00081196\": {\"vr\": \"US\", \"Value\": [45056]}"));

        assertThat(outcome.disposition()).isEqualTo(Disposition.STORED_WITH_WARNING);
        assertThat(outcome.dimseStatus()).contains(0xB000);
        assertThat(outcome.detail()).contains("B000");
    }

    @Test
    void storedWithAWarningWhenTheResponseCarriesTheWarningReason() {
        String body = "{\"00081196\": {\"vr\": \"US\", \"Value\": [45062]}, " + referenced(SOP, "").substring(1);

        StoreOutcome outcome = classify(202, body);

        assertThat(outcome.disposition()).isEqualTo(Disposition.STORED_WITH_WARNING);
        assertThat(outcome.dimseStatus()).contains(0xB006);
    }

    @Test
    void aDuplicateReportedAsAWarningCountsAsStored() {
        StoreOutcome outcome = classify(202, referenced(SOP, "\"00081196\": {\"vr\": \"US\", \"Value\": [273]}"));

        assertThat(outcome.stored()).isTrue();
        assertThat(outcome.dimseStatus()).contains(0x0111);
    }

    @Test
    void acceptsTheResponseDatasetWrappedInAnArray() {
        assertThat(classify(200, "[" + ORTHANC_SUCCESS + "]").disposition()).isEqualTo(Disposition.STORED);
    }

    @Test
    void refusesAtOnceAnInstanceInTheFailedSopSequenceOfAConflict() {
        StoreOutcome outcome = classify(409, failed(SOP, 0x0110));

        assertThat(outcome.disposition()).isEqualTo(Disposition.PERMANENT);
        assertThat(outcome.failure()).contains(StoreFailure.DIMSE_FAILURE);
        assertThat(outcome.dimseStatus()).contains(0x0110);
        assertThat(outcome.detail()).contains("HTTP 409").contains("0110").doesNotContain(SOP);
    }

    @Test
    void classifiesTheFailureReasonOfAnAcceptedRequestLikeACStoreStatus() {
        assertThat(classify(202, failed(SOP, 0xA700)).disposition()).as("out of resources")
                .isEqualTo(Disposition.RETRIABLE);
        assertThat(classify(202, failed(SOP, 0xC000)).disposition()).as("cannot understand")
                .isEqualTo(Disposition.PERMANENT);
        assertThat(classify(202, failed(SOP, 0xA700)).dimseStatus()).as("a status: dead-lettered when exhausted")
                .contains(0xA700);
    }

    @Test
    void aFailedItemWithoutAFailureReasonIsAnUnreadableAnswer() {
        StoreOutcome outcome = classify(202, "{\"00081198\": {\"vr\": \"SQ\", \"Value\": [{\"00081155\": {\"vr\": \"UI\","
                + " \"Value\": [\"" + SOP + "\"]}}]}}");

        assertThat(outcome.failure()).contains(StoreFailure.RESPONSE_UNREADABLE);
        assertThat(outcome.disposition()).isEqualTo(Disposition.PERMANENT);
    }

    @Test
    void onlyTheItemOfThisInstanceCounts() {
        assertThat(classify(202, failed(OTHER, 0xC000)).failure()).contains(StoreFailure.RESPONSE_UNREADABLE);
        assertThat(classify(200, failed(OTHER, 0xC000)).disposition()).isEqualTo(Disposition.STORED);
    }

    @Test
    void trustsA200WithAMalformedOrEmptyBodyBecause200MeansEveryInstanceWasStored() {
        assertThat(classify(200, "<html>oops").disposition()).isEqualTo(Disposition.STORED);
        assertThat(classify(200, "").disposition()).isEqualTo(Disposition.STORED);
        assertThat(classify(200, "{\"00081199\": {\"vr\": \"SQ\", \"Value\": [{\"00081155\": 7}]}}").disposition())
                .isEqualTo(Disposition.STORED);
    }

    @Test
    void anAcceptedRequestWithAMalformedBodyIsUnreadableAndPermanent() {
        StoreOutcome outcome = classify(202, "{\"00081199\": [truncated");

        assertThat(outcome.failure()).contains(StoreFailure.RESPONSE_UNREADABLE);
        assertThat(outcome.disposition()).isEqualTo(Disposition.PERMANENT);
        assertThat(outcome.dimseStatus()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 413, 415})
    void aClientErrorIsAPermanentRefusal(int status) {
        StoreOutcome outcome = classify(status, "{\"00081198\": {\"vr\": \"SQ\"}, \"00081199\": {\"vr\": \"SQ\"}}");

        assertThat(outcome.failure()).contains(StoreFailure.HTTP_REFUSED);
        assertThat(outcome.disposition()).isEqualTo(Disposition.PERMANENT);
        assertThat(outcome.detail()).contains("HTTP " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void aBusyOrDownServerIsRetriedAndHasNoStatusSoItIsNeverDeadLettered(int status) {
        StoreOutcome outcome = classify(status, failed(SOP, 0xC000));

        assertThat(outcome.failure()).contains(StoreFailure.HTTP_UNAVAILABLE);
        assertThat(outcome.disposition()).isEqualTo(Disposition.RETRIABLE);
        assertThat(outcome.dimseStatus()).isEmpty();
    }

    @Test
    void aRedirectIsNotFollowedAndRefused() {
        assertThat(classify(301, "").failure()).contains(StoreFailure.HTTP_REFUSED);
    }

    private static StoreOutcome classify(int status, String body) {
        return StowRsResponse.classify(status, body.getBytes(StandardCharsets.UTF_8), SOP);
    }

    private static String referenced(String sop, String extra) {
        return "{\"00081199\": {\"vr\": \"SQ\", \"Value\": [{\"00081155\": {\"vr\": \"UI\", \"Value\": [\"" + sop
                + "\"]}" + (extra.isEmpty() ? "" : ", " + extra) + "}]}}";
    }

    private static String failed(String sop, int reason) {
        return "{\"00081198\": {\"vr\": \"SQ\", \"Value\": [{\"00081155\": {\"vr\": \"UI\", \"Value\": [\"" + sop
                + "\"]}, \"00081197\": {\"vr\": \"US\", \"Value\": [" + reason + "]}}]}}";
    }
}
