package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spagateway.dicom.listener.StoragePresentationContextPolicy.Use;
import org.spagateway.dicom.network.PresentationContextDecision;

/**
 * The listener's decisions; how a decision reaches PixelMed's A-ASSOCIATE-AC is tested in dicom-network
 * ({@code PresentationContextNegotiationTest}).
 */
class StoragePresentationContextPolicyTest {

    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    private static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
    private static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";
    private static final String RLE = "1.2.840.10008.1.2.5";
    private static final String COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33";
    private static final String ENHANCED_CT = "1.2.840.10008.5.1.4.1.1.2.1";
    private static final String SIEMENS_CSA_NON_IMAGE = "1.3.12.2.1107.5.9.1";
    private static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    private static final String MODALITY_PERFORMED_PROCEDURE_STEP = "1.2.840.10008.3.1.2.3.3";

    private final StoragePresentationContextPolicy discarding = policy(UnusedSopClassPolicy.DISCARD);

    @Test
    void acceptsVerificationAndAllowListedStorageWithThePreferredSyntax() {
        PresentationContextDecision echo = discarding.select(StorageSopClasses.VERIFICATION, List.of(IMPLICIT_LE));
        PresentationContextDecision ct = discarding.select(TestDatasets.CT, List.of(IMPLICIT_LE, EXPLICIT_LE));

        assertThat(echo.result()).isEqualTo(StoragePresentationContextPolicy.ACCEPTANCE);
        assertThat(ct.result()).isEqualTo(StoragePresentationContextPolicy.ACCEPTANCE);
        assertThat(ct.transferSyntaxUid()).isEqualTo(EXPLICIT_LE);
        assertThat(discarding.useOf(TestDatasets.CT)).isEqualTo(Use.ANNOUNCED);
    }

    @Test
    void acceptsTheCommonCompressedSyntaxesEachInItsOwnContext() {
        for (String syntax : List.of(JPEG_LOSSLESS_SV1, JPEG_2000, RLE)) {
            PresentationContextDecision compressed = discarding.select(TestDatasets.CT, List.of(syntax));

            assertThat(compressed.result()).as(syntax).isEqualTo(StoragePresentationContextPolicy.ACCEPTANCE);
            assertThat(compressed.transferSyntaxUid()).isEqualTo(syntax);
        }
    }

    @Test
    void refusesBigEndianForAnAnnouncedClassBecauseTheListenerCannotReadIt() {
        PresentationContextDecision bigEndian = discarding.select(TestDatasets.CT, List.of(EXPLICIT_BE));

        assertThat(bigEndian.result()).isEqualTo(StoragePresentationContextPolicy.TRANSFER_SYNTAXES_NOT_SUPPORTED);
    }

    @Test
    void discardingAcceptsUnusedStorageClassesInAnyProposedSyntax() {
        PresentationContextDecision report = discarding.select(COMPREHENSIVE_SR, List.of(EXPLICIT_BE));
        PresentationContextDecision enhancedCt = discarding.select(ENHANCED_CT, List.of(EXPLICIT_LE));
        PresentationContextDecision vendor = discarding.select(SIEMENS_CSA_NON_IMAGE, List.of(IMPLICIT_LE));

        assertThat(report.result()).isEqualTo(StoragePresentationContextPolicy.ACCEPTANCE);
        assertThat(report.transferSyntaxUid()).isEqualTo(EXPLICIT_BE);
        assertThat(enhancedCt.result()).isEqualTo(StoragePresentationContextPolicy.ACCEPTANCE);
        assertThat(vendor.result()).isEqualTo(StoragePresentationContextPolicy.ACCEPTANCE);
        assertThat(discarding.useOf(COMPREHENSIVE_SR)).isEqualTo(Use.IGNORED);
        assertThat(discarding.useOf(ENHANCED_CT)).isEqualTo(Use.IGNORED);
    }

    @Test
    void storingAcceptsUnusedStorageClassesOnlyInSyntaxesItCanRead() {
        StoragePresentationContextPolicy storing = policy(UnusedSopClassPolicy.STORE);

        assertThat(storing.select(COMPREHENSIVE_SR, List.of(EXPLICIT_LE)).result())
                .isEqualTo(StoragePresentationContextPolicy.ACCEPTANCE);
        assertThat(storing.select(COMPREHENSIVE_SR, List.of(EXPLICIT_BE)).result())
                .isEqualTo(StoragePresentationContextPolicy.TRANSFER_SYNTAXES_NOT_SUPPORTED);
    }

    @Test
    void refusingRejectsUnusedStorageClassesAtNegotiation() {
        StoragePresentationContextPolicy refusing = policy(UnusedSopClassPolicy.REFUSE);

        assertThat(refusing.select(COMPREHENSIVE_SR, List.of(EXPLICIT_LE)).result())
                .isEqualTo(StoragePresentationContextPolicy.ABSTRACT_SYNTAX_NOT_SUPPORTED);
        assertThat(refusing.select(ENHANCED_CT, List.of(EXPLICIT_LE)).result())
                .isEqualTo(StoragePresentationContextPolicy.ABSTRACT_SYNTAX_NOT_SUPPORTED);
        assertThat(refusing.useOf(COMPREHENSIVE_SR)).isEqualTo(Use.REFUSED);
    }

    @Test
    void neverAcceptsAServiceOtherThanStorageOrVerification() {
        for (String service : List.of(STUDY_ROOT_FIND, MODALITY_PERFORMED_PROCEDURE_STEP)) {
            assertThat(discarding.select(service, List.of(IMPLICIT_LE)).result()).as(service)
                    .isEqualTo(StoragePresentationContextPolicy.ABSTRACT_SYNTAX_NOT_SUPPORTED);
            assertThat(discarding.useOf(service)).isEqualTo(Use.REFUSED);
        }
    }

    private static StoragePresentationContextPolicy policy(UnusedSopClassPolicy unused) {
        return new StoragePresentationContextPolicy(StorageSopClasses.DEFAULTS, unused,
                StorageSopClasses.DEFAULT_TRANSFER_SYNTAXES);
    }
}
