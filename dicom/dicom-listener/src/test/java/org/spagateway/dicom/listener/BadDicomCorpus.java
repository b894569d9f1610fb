package org.spagateway.dicom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.network.CStoreRequestCommandMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.spagateway.test.harness.Dcmtk;

/**
 * The bad inputs of {@link BadDicomCorpusIT} (issue 13), one per kind, each with the answer the listener owes it:
 * a C-STORE-RSP status (PS3.4 B.2.3, PS3.7 C), an A-ASSOCIATE-RJ or a rejected presentation context
 * (PS3.8 9.3.3-9.3.4), an A-ABORT (PS3.8 9.3.8), or a closed connection. Real dcmtk tools send what they can ({@code dcmodify} breaks a
 * generated file, {@code storescu} sends it); {@link RawPeer} sends the rest.
 */
final class BadDicomCorpus {

    static final String CT = TestDatasets.CT;
    static final String MR = "1.2.840.10008.5.1.4.1.1.4";
    /** Study Root Query/Retrieve Information Model - FIND (PS3.4 C.6.2): not a storage SOP class. */
    static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    static final String EXPLICIT_BIG_ENDIAN = "1.2.840.10008.1.2.2";
    private static final String AE = "SPA_GATEWAY";
    private static final String CALLING_AE = "STORESCU";
    private static final int SOP_INSTANCE_UID = 0x00080018;
    private static final int STUDY_INSTANCE_UID = 0x0020000D;
    private static final int SERIES_INSTANCE_UID = 0x0020000E;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final AtomicLong UIDS = new AtomicLong(System.nanoTime() & 0xffffffL);

    /**
     * One kind of bad input.
     *
     * @param kind     what is wrong, in a few words
     * @param expected what the listener answers
     * @param kept     whether the listener stores the one instance sent, by design
     * @param attack   sends it and reports the answer
     */
    record BadInput(String kind, PeerAnswer expected, boolean kept, Attack attack) {
        /** An input the listener refuses: nothing of it is stored. */
        BadInput(String kind, PeerAnswer expected, Attack attack) {
            this(kind, expected, false, attack);
        }

        @Override
        public String toString() {
            return kind;
        }
    }

    /** Sends one bad input to the listener and reports what it answered. */
    @FunctionalInterface
    interface Attack {
        PeerAnswer send(Target target) throws Exception;
    }

    /** What an attack can use: raw connections and real dcmtk tools against the listener under test. */
    interface Target {
        /** A raw connection to the listener, closed after the test. */
        RawPeer connect() throws IOException;

        /** A fresh one-instance CT study file (Part 10) of the study generator, to be broken and sent. */
        Path studyFile() throws IOException;

        /** Sends {@code file} with storescu; the status of its C-STORE-RSP. */
        PeerAnswer storescu(Path file);
    }

    private BadDicomCorpus() {
    }

    static List<BadInput> kinds() {
        return List.of(
                // Data sets the listener must refuse with a C-STORE-RSP status, the association going on
                new BadInput("data set truncated inside the attributes read (last fragment short)",
                        PeerAnswer.status(0xC000), target -> store(target, cut(normal(), STUDY_INSTANCE_UID, 5))),
                new BadInput("data set truncated inside Pixel Data (last fragment short)",
                        PeerAnswer.status(0xC000), target -> {
                            byte[] dataset = TestDatasets.datasetWithSizes(uid(), uid(), uid(), 0, 8000);
                            return store(target, Arrays.copyOf(dataset, dataset.length - 3000));
                        }),
                new BadInput("Pixel Data declaring 2 GB (0x7FFFFFF0), after every attribute the listener reads",
                        PeerAnswer.status(0xC000), target -> {
                            byte[] dataset = normal();
                            ExplicitVrElements.declareLength(dataset,
                                    new byte[] {(byte) 0xE0, 0x7F, 0x10, 0, 'O', 'B'}, 0x7ffffff0);
                            return store(target, dataset);
                        }),
                new BadInput("VR length that does not fit the VR: Rows (0028,0010) US with length 3",
                        PeerAnswer.status(0xC000), target -> store(target, ExplicitVrElements.insertBefore(normal(),
                                PIXEL_DATA, new byte[] {0x28, 0, 0x10, 0, 'U', 'S', 3, 0, 0, 1, 0}))),
                new BadInput("Study Instance UID missing (dcmodify -ea, storescu)",
                        PeerAnswer.status(0xC000), target -> modified(target, "-ea", "(0020,000d)")),
                new BadInput("Series Instance UID missing (dcmodify -ea, storescu)",
                        PeerAnswer.status(0xC000), target -> modified(target, "-ea", "(0020,000e)")),
                new BadInput("Study Instance UID empty (dcmodify -m, storescu)",
                        PeerAnswer.status(0xC000), target -> modified(target, "-m", "(0020,000d)=")),
                new BadInput("SOP Instance UID missing from the data set (command has one)",
                        PeerAnswer.status(0xC000), target -> {
                            String sop = uid();
                            byte[] dataset = ExplicitVrElements.without(
                                    TestDatasets.dataset(CT, sop, uid(), uid(), "CT", (byte) 1), SOP_INSTANCE_UID);
                            return store(target, storeCommand(CT, sop), dataset);
                        }),
                new BadInput("SOP Instance UID of the data set differs from the command's",
                        PeerAnswer.status(0xC000), target -> store(target, storeCommand(CT, uid()), normal())),
                new BadInput("SOP Class UID of the data set (MR) differs from the command's (CT)",
                        PeerAnswer.status(0xA900), target -> {
                            String sop = uid();
                            return store(target, storeCommand(CT, sop),
                                    TestDatasets.dataset(MR, sop, uid(), uid(), "MR", (byte) 1));
                        }),
                // Tolerated on purpose (DicomUids): stored and acknowledged; its StudyReceived, which the schema
                // refuses, is dead-lettered by the Kafka sink (StudyReceivedKafkaSinkIT in app)
                new BadInput("Study Instance UID with a leading-zero component, 1.2.0123.4 (dcmodify, storescu)",
                        PeerAnswer.status(0x0000), true,
                        target -> modified(target, "-m", "(0020,000d)=1.2.0123.4")),
                new BadInput("Study Instance UID of 74 characters (dcmodify, storescu)",
                        PeerAnswer.status(0xC000), target -> modified(target, "-m",
                                "(0020,000d)=1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20.21.22.23.24.25.26."
                                        + "27.28")),
                new BadInput("Series Instance UID with letters, 1.2.abc.4 (dcmodify, storescu)",
                        PeerAnswer.status(0xC000), target -> modified(target, "-m", "(0020,000e)=1.2.abc.4")),
                new BadInput("Explicit VR data set on a context accepted as Implicit VR Little Endian",
                        PeerAnswer.status(0xC000), target -> {
                            RawPeer peer = target.connect();
                            assertThat(PeerAnswer.of(peer.associate(CALLING_AE, AE, List.of(
                                    new RawPeer.ProposedContext(1, CT, List.of(RawPeer.IMPLICIT_LE))))))
                                    .isEqualTo(PeerAnswer.accepted(0));
                            return storeOn(peer, storeCommand(CT, uid()), normal());
                        }),
                new BadInput("C-STORE-RQ declaring no data set (Command Data Set Type 0x0101)",
                        PeerAnswer.status(0xC000), target -> {
                            RawPeer peer = associated(target);
                            peer.send(RawPeer.pData(RawPeer.COMMAND_LAST, RawCommandSet.request(
                                    RawCommandSet.C_STORE_RQ, CT, uid(), RawCommandSet.NO_DATA_SET)));
                            return answerThenRelease(peer);
                        }),
                new BadInput("data set of 0 bytes (one empty last fragment)",
                        PeerAnswer.status(0xC000), target -> store(target, storeCommand(CT, uid()), new byte[0])),

                // DIMSE messages the listener does not serve: the association is aborted
                new BadInput("C-FIND-RQ on the accepted CT context",
                        PeerAnswer.aborted(0, 0), target -> {
                            RawPeer peer = associated(target);
                            peer.send(RawPeer.pData(RawPeer.COMMAND_LAST, RawCommandSet.request(
                                    RawCommandSet.C_FIND_RQ, STUDY_ROOT_FIND, null, RawCommandSet.DATA_SET)));
                            return PeerAnswer.next(peer);
                        }),
                new BadInput("C-STORE-RQ on a presentation context id never proposed (3)",
                        PeerAnswer.aborted(0, 0), target -> {
                            RawPeer peer = associated(target);
                            String sop = uid();
                            peer.send(RawPeer.pData(3, RawPeer.COMMAND_LAST, storeCommand(CT, sop)));
                            peer.send(RawPeer.pData(3, RawPeer.DATA_LAST, dataset(sop)));
                            return PeerAnswer.next(peer);
                        }),
                new BadInput("C-STORE-RQ on a presentation context the listener rejected (Q/R FIND)",
                        PeerAnswer.aborted(0, 0), target -> {
                            RawPeer peer = target.connect();
                            assertThat(PeerAnswer.of(peer.associate(CALLING_AE, AE, List.of(
                                    new RawPeer.ProposedContext(1, STUDY_ROOT_FIND, List.of(RawPeer.IMPLICIT_LE)),
                                    new RawPeer.ProposedContext(3, CT, List.of(RawPeer.IMPLICIT_LE))))))
                                    .isEqualTo(PeerAnswer.accepted(3, 0));
                            String sop = uid();
                            peer.send(RawPeer.pData(1, RawPeer.COMMAND_LAST, storeCommand(CT, sop)));
                            peer.send(RawPeer.pData(1, RawPeer.DATA_LAST, dataset(sop)));
                            return PeerAnswer.next(peer);
                        }),
                new BadInput("a second command set in the middle of a data set",
                        PeerAnswer.aborted(0, 0), target -> {
                            RawPeer peer = associated(target);
                            String sop = uid();
                            byte[] dataset = dataset(sop);
                            peer.send(RawPeer.pData(RawPeer.COMMAND_LAST, storeCommand(CT, sop)));
                            peer.send(RawPeer.pData(RawPeer.DATA_MORE, Arrays.copyOf(dataset, 100)));
                            peer.send(RawPeer.pData(RawPeer.COMMAND_LAST, storeCommand(CT, uid())));
                            return PeerAnswer.next(peer);
                        }),

                // Association requests the listener cannot take
                new BadInput("A-ASSOCIATE-RQ with protocol version 2 (bit 0 clear)",
                        PeerAnswer.rejected(1, 2, 2), target -> PeerAnswer.of(target.connect().associate(CALLING_AE,
                                AE, 2, RawPeer.DICOM_APPLICATION_CONTEXT, ctContext()))),
                // PS3.8 9.3.2 asks for one or more; PixelMed would accept it and hold a slot for nothing
                new BadInput("A-ASSOCIATE-RQ without a presentation context",
                        PeerAnswer.rejected(1, 1, 1), target -> PeerAnswer.of(target.connect().associate(CALLING_AE,
                                AE, 1, RawPeer.DICOM_APPLICATION_CONTEXT, List.of()))),
                // PixelMed does not look at the name; the gate does (PS3.7 A.2.1: DICOM has one)
                new BadInput("A-ASSOCIATE-RQ with an unknown application context name (1.2.3.4.5)",
                        PeerAnswer.rejected(1, 1, 2), target -> PeerAnswer.of(target.connect().associate(CALLING_AE,
                                AE, 1, "1.2.3.4.5", ctContext()))),
                new BadInput("A-ASSOCIATE-RQ proposing only a non-storage SOP class (Study Root Q/R FIND)",
                        PeerAnswer.accepted(3), target -> acceptedThenReleased(target, List.of(
                                new RawPeer.ProposedContext(1, STUDY_ROOT_FIND, List.of(RawPeer.IMPLICIT_LE))))),
                new BadInput("A-ASSOCIATE-RQ proposing only an unsupported transfer syntax (Explicit VR Big Endian)",
                        PeerAnswer.accepted(4), target -> acceptedThenReleased(target, List.of(
                                new RawPeer.ProposedContext(1, CT, List.of(EXPLICIT_BIG_ENDIAN))))),
                new BadInput("HTTP request on the DICOM port (GET / HTTP/1.1)",
                        PeerAnswer.aborted(2, 2), target -> {
                            RawPeer peer = target.connect();
                            peer.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                            return PeerAnswer.next(peer);
                        }),

                // Associations that end in the middle of an instance: nothing half-written is left
                new BadInput("A-RELEASE-RQ in the middle of a data set",
                        PeerAnswer.released(), target -> {
                            RawPeer peer = midDataset(target);
                            peer.send(new byte[] {0x05, 0, 0, 0, 0, 4, 0, 0, 0, 0});
                            return PeerAnswer.next(peer);
                        }),
                new BadInput("A-ABORT in the middle of a data set",
                        PeerAnswer.closed(), target -> {
                            RawPeer peer = midDataset(target);
                            peer.send(new byte[] {0x07, 0, 0, 0, 0, 4, 0, 0, 0, 0});
                            return PeerAnswer.next(peer);
                        }),
                new BadInput("connection half-closed after 3 bytes of a PDU header, in the middle of a data set",
                        PeerAnswer.closed(), target -> {
                            RawPeer peer = midDataset(target);
                            peer.send(new byte[] {0x04, 0, 0});
                            peer.finishSending();
                            return PeerAnswer.next(peer);
                        }));
    }

    private static PeerAnswer modified(Target target, String... dcmodify) throws IOException {
        Path file = target.studyFile();
        List<String> command = new java.util.ArrayList<>(List.of("dcmodify", "-nb"));
        command.addAll(List.of(dcmodify));
        command.add(file.toString());
        Dcmtk.Result result = Dcmtk.run(command, Dcmtk.DEFAULT_TIMEOUT);
        assertThat(result.succeeded()).as(result.output()).isTrue();
        return target.storescu(file);
    }

    /** A C-STORE of {@code dataset} whose command names the SOP Instance UID the data set holds. */
    private static PeerAnswer store(Target target, byte[] dataset) throws Exception {
        return store(target, storeCommand(CT, sopInstanceUidOf(dataset)), dataset);
    }

    private static PeerAnswer store(Target target, byte[] command, byte[] dataset) throws Exception {
        return storeOn(associated(target), command, dataset);
    }

    /** Sends the command, then the data set in fragments of at most 8000 bytes, the last flagged last. */
    private static PeerAnswer storeOn(RawPeer peer, byte[] command, byte[] dataset) throws Exception {
        peer.send(RawPeer.pData(RawPeer.COMMAND_LAST, command));
        int at = 0;
        do {
            int end = Math.min(dataset.length, at + 8000);
            peer.send(RawPeer.pData(end == dataset.length ? RawPeer.DATA_LAST : RawPeer.DATA_MORE,
                    Arrays.copyOfRange(dataset, at, end)));
            at = end;
        } while (at < dataset.length);
        return answerThenRelease(peer);
    }

    /** The answer, then a release that must succeed: a refused instance does not end the association. */
    private static PeerAnswer answerThenRelease(RawPeer peer) throws Exception {
        PeerAnswer answer = PeerAnswer.next(peer);
        assertThat(PeerAnswer.of(peer.release())).as("the association goes on").isEqualTo(PeerAnswer.released());
        return answer;
    }

    private static PeerAnswer acceptedThenReleased(Target target, List<RawPeer.ProposedContext> contexts)
            throws Exception {
        return acceptedThenReleased(target, 1, RawPeer.DICOM_APPLICATION_CONTEXT, contexts);
    }

    /** The answer to an A-ASSOCIATE-RQ that must be accepted, then a release that must succeed. */
    private static PeerAnswer acceptedThenReleased(Target target, int protocolVersion, String applicationContext,
                                                   List<RawPeer.ProposedContext> contexts) throws Exception {
        RawPeer peer = target.connect();
        PeerAnswer answer = PeerAnswer.of(peer.associate(CALLING_AE, AE, protocolVersion, applicationContext,
                contexts));
        assertThat(PeerAnswer.of(peer.release())).isEqualTo(PeerAnswer.released());
        return answer;
    }

    /** An association with a C-STORE whose data set has begun (one fragment of several) and not ended. */
    private static RawPeer midDataset(Target target) throws Exception {
        RawPeer peer = associated(target);
        String sop = uid();
        byte[] dataset = TestDatasets.datasetWithSizes(sop, uid(), uid(), 0, 8000);
        peer.send(RawPeer.pData(RawPeer.COMMAND_LAST, storeCommand(CT, sop)));
        peer.send(RawPeer.pData(RawPeer.DATA_MORE, Arrays.copyOf(dataset, 4000)));
        return peer;
    }

    private static RawPeer associated(Target target) throws Exception {
        RawPeer peer = target.connect();
        assertThat(PeerAnswer.of(peer.associate(CALLING_AE, AE, ctContext()))).isEqualTo(PeerAnswer.accepted(0));
        return peer;
    }

    private static List<RawPeer.ProposedContext> ctContext() {
        return List.of(new RawPeer.ProposedContext(1, CT, List.of(TestDatasets.EXPLICIT_LE, RawPeer.IMPLICIT_LE)));
    }

    private static byte[] storeCommand(String sopClass, String sop) throws Exception {
        return new CStoreRequestCommandMessage(sopClass, sop).getBytes();
    }

    private static byte[] normal() {
        return dataset(uid());
    }

    private static byte[] dataset(String sop) {
        return TestDatasets.dataset(CT, sop, uid(), uid(), "CT", (byte) 1);
    }

    /** The data set cut {@code into} bytes into the value of the top-level element {@code tag}. */
    private static byte[] cut(byte[] dataset, int tag, int into) {
        return Arrays.copyOf(dataset, ExplicitVrElements.valueOffset(dataset, tag) + into);
    }

    private static String sopInstanceUidOf(byte[] dataset) {
        int at = ExplicitVrElements.valueOffset(dataset, SOP_INSTANCE_UID);
        int length = (dataset[at - 2] & 0xff) | (dataset[at - 1] & 0xff) << 8;
        return new String(dataset, at, length, StandardCharsets.US_ASCII).replace("\0", "").trim();
    }

    private static String uid() {
        return "2.25.1" + UIDS.incrementAndGet();
    }
}
