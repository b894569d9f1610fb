package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.network.PresentationContext;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
        PresentationContext echo = context(1, StorageSopClasses.VERIFICATION, IMPLICIT_LE);
        PresentationContext ct = context(3, TestDatasets.CT, IMPLICIT_LE, EXPLICIT_LE);

        apply(echo, ct);

        assertThat(echo.getResultReason()).isEqualTo(StoragePresentationContextPolicy.ACCEPTANCE);
        assertThat(ct.getResultReason()).isEqualTo(StoragePresentationContextPolicy.ACCEPTANCE);
        assertThat(ct.getTransferSyntaxUID()).isEqualTo(EXPLICIT_LE);
    }

    @Test
    void acceptsJpegLosslessInItsOwnContext() {
        PresentationContext lossless = context(5, TestDatasets.CT, JPEG_LOSSLESS_SV1);

        apply(lossless);

        assertThat(lossless.getResultReason()).isEqualTo(StoragePresentationContextPolicy.ACCEPTANCE);
        assertThat(lossless.getTransferSyntaxUID()).isEqualTo(JPEG_LOSSLESS_SV1);
    }

    @Test
    void rejectsAnUnlistedSopClassAtNegotiation() {
        PresentationContext mammography = context(7, MG, EXPLICIT_LE);

        apply(mammography);

        assertThat(mammography.getResultReason())
                .isEqualTo(StoragePresentationContextPolicy.ABSTRACT_SYNTAX_NOT_SUPPORTED);
        assertThat(policy.acceptsSopClass(MG)).isFalse();
    }

    @Test
    void rejectsAContextWithNoAcceptableTransferSyntax() {
        PresentationContext jpeg2000 = context(9, TestDatasets.CT, JPEG_2000);

        apply(jpeg2000);

        assertThat(jpeg2000.getResultReason())
                .isEqualTo(StoragePresentationContextPolicy.TRANSFER_SYNTAXES_NOT_SUPPORTED);
    }

    private void apply(PresentationContext... contexts) {
        policy.applyPresentationContextSelectionPolicy(new LinkedList<>(List.of(contexts)), 1);
    }

    private static PresentationContext context(int id, String abstractSyntax, String... transferSyntaxes) {
        PresentationContext context = new PresentationContext((byte) id, abstractSyntax, transferSyntaxes[0]);
        for (int i = 1; i < transferSyntaxes.length; i++) {
            context.addTransferSyntaxUID(transferSyntaxes[i]);
        }
        return context;
    }
}
