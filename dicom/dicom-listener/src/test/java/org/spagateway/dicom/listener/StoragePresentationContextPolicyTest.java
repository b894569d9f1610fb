package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spagateway.dicom.network.PresentationContextDecision;

/**
 * The listener's decisions; how a decision reaches PixelMed's A-ASSOCIATE-AC is tested in dicom-network
 * ({@code PresentationContextNegotiationTest}).
 */
class StoragePresentationContextPolicyTest {

    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
    private static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";
    private static final String MG = "1.2.840.10008.5.1.4.1.1.1.2";

    private final StoragePresentationContextPolicy policy = new StoragePresentationContextPolicy(
            StorageSopClasses.DEFAULTS, StorageSopClasses.DEFAULT_TRANSFER_SYNTAXES);

    @Test
    void acceptsVerificationAndAllowListedStorageWithThePreferredSyntax() {
        PresentationContextDecision echo = policy.select(StorageSopClasses.VERIFICATION, List.of(IMPLICIT_LE));
        PresentationContextDecision ct = policy.select(TestDatasets.CT, List.of(IMPLICIT_LE, EXPLICIT_LE));

        assertThat(echo.result()).isEqualTo(StoragePresentationContextPolicy.ACCEPTANCE);
        assertThat(ct.result()).isEqualTo(StoragePresentationContextPolicy.ACCEPTANCE);
        assertThat(ct.transferSyntaxUid()).isEqualTo(EXPLICIT_LE);
    }

    @Test
    void acceptsJpegLosslessInItsOwnContext() {
        PresentationContextDecision lossless = policy.select(TestDatasets.CT, List.of(JPEG_LOSSLESS_SV1));

        assertThat(lossless.result()).isEqualTo(StoragePresentationContextPolicy.ACCEPTANCE);
        assertThat(lossless.transferSyntaxUid()).isEqualTo(JPEG_LOSSLESS_SV1);
    }

    @Test
    void rejectsAnUnlistedSopClassAtNegotiation() {
        PresentationContextDecision mammography = policy.select(MG, List.of(EXPLICIT_LE));

        assertThat(mammography.result()).isEqualTo(StoragePresentationContextPolicy.ABSTRACT_SYNTAX_NOT_SUPPORTED);
        assertThat(policy.acceptsSopClass(MG)).isFalse();
    }

    @Test
    void rejectsAContextWithNoAcceptableTransferSyntax() {
        PresentationContextDecision jpeg2000 = policy.select(TestDatasets.CT, List.of(JPEG_2000));

        assertThat(jpeg2000.result()).isEqualTo(StoragePresentationContextPolicy.TRANSFER_SYNTAXES_NOT_SUPPORTED);
    }
}
