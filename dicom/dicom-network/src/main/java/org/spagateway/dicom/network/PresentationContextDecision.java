package org.spagateway.dicom.network;

import java.util.Objects;

/**
 * The acceptor's answer to one proposed presentation context: a result/reason of the A-ASSOCIATE-AC's Presentation
 * Context Item (PS3.8 9.3.3.2, Table 9-18) and, when accepted, the one transfer syntax chosen from those proposed.
 *
 * @param result            0 acceptance, 1 user-rejection, 2 no-reason (provider rejection), 3
 *                          abstract-syntax-not-supported, 4 transfer-syntaxes-not-supported
 * @param transferSyntaxUid the chosen transfer syntax when accepted, else null
 */
public record PresentationContextDecision(byte result, String transferSyntaxUid) {

    public static final byte ACCEPTANCE = 0;
    public static final byte ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    public static final byte TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    public PresentationContextDecision {
        if (result < 0 || result > 4) {
            throw new IllegalArgumentException("result " + result + " is not in PS3.8 Table 9-18");
        }
        if ((result == ACCEPTANCE) != (transferSyntaxUid != null)) {
            throw new IllegalArgumentException("an accepted context names exactly one transfer syntax; a rejected "
                    + "one none");
        }
    }

    public static PresentationContextDecision accept(String transferSyntaxUid) {
        return new PresentationContextDecision(ACCEPTANCE, Objects.requireNonNull(transferSyntaxUid,
                "transferSyntaxUid"));
    }

    public static PresentationContextDecision reject(byte result) {
        if (result == ACCEPTANCE) {
            throw new IllegalArgumentException("a rejection needs a rejection reason");
        }
        return new PresentationContextDecision(result, null);
    }

    public boolean accepted() {
        return result == ACCEPTANCE;
    }
}
