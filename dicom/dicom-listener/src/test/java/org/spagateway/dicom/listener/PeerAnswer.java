package org.spagateway.dicom.listener;

import java.util.ArrayList;
import java.util.List;

/**
 * What the listener answered a peer, as one line a table of bad inputs can state and a failed assertion can show:
 * a DIMSE status, an A-ASSOCIATE-AC with the result of each presentation context, an A-ASSOCIATE-RJ, an A-ABORT, an
 * A-RELEASE-RP, or the connection closed without a word.
 *
 * @param text the answer in PS3.8 / PS3.7 terms
 */
record PeerAnswer(String text) {

    /** The C-STORE-RSP (or any DIMSE response) Status (PS3.7 C). */
    static PeerAnswer status(int code) {
        return new PeerAnswer(String.format("DIMSE response, status 0x%04X", code));
    }

    /** A-ASSOCIATE-AC with each presentation context's result (PS3.8 Table 9-18), in the order answered. */
    static PeerAnswer accepted(Integer... contextResults) {
        return new PeerAnswer("A-ASSOCIATE-AC, context results " + List.of(contextResults));
    }

    /** A-ASSOCIATE-RJ (PS3.8 Table 9-21). */
    static PeerAnswer rejected(int result, int source, int reason) {
        return new PeerAnswer("A-ASSOCIATE-RJ, result " + result + " source " + source + " reason " + reason);
    }

    /** A-ABORT (PS3.8 Table 9-26). */
    static PeerAnswer aborted(int source, int reason) {
        return new PeerAnswer("A-ABORT, source " + source + " reason " + reason);
    }

    static PeerAnswer released() {
        return new PeerAnswer("A-RELEASE-RP");
    }

    static PeerAnswer closed() {
        return new PeerAnswer("connection closed without a PDU");
    }

    /** The next PDU's answer, or {@link #closed()} when the listener closes the connection first. */
    static PeerAnswer next(RawPeer peer) throws Exception {
        try {
            return of(peer.readPdu());
        } catch (java.io.EOFException | java.net.SocketException e) {
            return closed();
        }
    }

    /** The answer a whole PDU (header included) carries. */
    static PeerAnswer of(byte[] pdu) throws Exception {
        return switch (pdu[0]) {
            case RawPeer.A_ASSOCIATE_AC -> accepted(contextResults(pdu).toArray(Integer[]::new));
            case RawPeer.A_ASSOCIATE_RJ -> rejected(pdu[7], pdu[8], pdu[9]);
            case RawPeer.P_DATA_TF -> status(RawPeer.status(pdu));
            case RawPeer.A_RELEASE_RP -> released();
            case RawPeer.A_ABORT -> aborted(pdu[8], pdu[9]);
            default -> new PeerAnswer(String.format("PDU type 0x%02X", pdu[0]));
        };
    }

    /** The Presentation Context items (0x21) of an A-ASSOCIATE-AC, after its 68 bytes of fixed fields. */
    private static List<Integer> contextResults(byte[] pdu) {
        List<Integer> results = new ArrayList<>();
        int at = 6 + 68;
        while (at + 4 <= pdu.length) {
            int length = (pdu[at + 2] & 0xff) << 8 | (pdu[at + 3] & 0xff);
            if ((pdu[at] & 0xff) == 0x21) {
                results.add(pdu[at + 6] & 0xff);
            }
            at += 4 + length;
        }
        return results;
    }

    @Override
    public String toString() {
        return text;
    }
}
