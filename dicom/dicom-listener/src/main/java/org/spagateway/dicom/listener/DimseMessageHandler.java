package org.spagateway.dicom.listener;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.CEchoRequestCommandMessage;
import com.pixelmed.network.CEchoResponseCommandMessage;
import com.pixelmed.network.CStoreRequestCommandMessage;
import com.pixelmed.network.CStoreResponseCommandMessage;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.MessageServiceElementCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.spagateway.dicom.network.InboundAssociation;
import org.spagateway.dicom.network.PresentationDataReceiver;

/**
 * Handles one DIMSE request on an association: C-ECHO (PS3.7 9.1.5) and C-STORE (PS3.7 9.1.1). The command set
 * (always Implicit VR Little Endian, PS3.7 6.3.1) is parsed with PixelMed; C-STORE data fragments stream straight
 * into an {@link InstanceReception}. Storage problems become the response status, never an exception: the
 * association survives a failed instance. Any other command aborts the association (we negotiate no other service),
 * and so does a command set that is longer than {@link CommandSetBounds#MAX_LENGTH} or declares an element longer than
 * itself: the door then sends the A-ABORT.
 */
final class DimseMessageHandler implements PresentationDataReceiver {

    private static final AttributeTag COMMAND_FIELD = new AttributeTag(0x0000, 0x0100);
    private static final AttributeTag COMMAND_DATA_SET_TYPE = new AttributeTag(0x0000, 0x0800);
    /** PS3.7 E.1: Command Data Set Type 0x0101 means "no data set". */
    private static final int NO_DATA_SET = 0x0101;

    private final InboundAssociation association;
    private final InstanceIntake intake;
    private final ByteArrayOutputStream command = new ByteArrayOutputStream();
    private byte presentationContextId;
    private CStoreRequestCommandMessage storeRequest;
    private StoragePresentationContextPolicy.Use use;
    private InstanceReception reception;
    private byte[] response;

    DimseMessageHandler(InboundAssociation association, InstanceIntake intake) {
        this.association = association;
        this.intake = intake;
    }

    @Override
    public boolean receive(byte contextId, boolean isCommand, boolean last, byte[] value)
            throws DicomNetworkException, DicomException, IOException {
        presentationContextId = contextId;
        if (isCommand) {
            if (command.size() + (long) value.length > CommandSetBounds.MAX_LENGTH) {
                throw new DicomNetworkException("command set longer than " + CommandSetBounds.MAX_LENGTH + " bytes");
            }
            command.write(value);
            return last && onCommand();
        }
        if (storeRequest == null) {
            throw new DicomNetworkException("data set fragment without a C-STORE request");
        }
        if (reception != null) {
            reception.write(value);
        }
        if (last) {
            finishStore();
            return true;
        }
        return false;
    }

    byte presentationContextId() {
        return presentationContextId;
    }

    byte[] response() {
        return response;
    }

    /** The association ended before the data set was complete. */
    void abandon() {
        if (reception != null && response == null) {
            reception.abandon();
        }
    }

    private boolean onCommand() throws DicomNetworkException, DicomException, IOException {
        byte[] bytes = command.toByteArray();
        String malformed = CommandSetBounds.check(bytes);
        if (malformed != null) {
            throw new DicomNetworkException(malformed);
        }
        AttributeList list = new AttributeList();
        list.read(new DicomInputStream(new ByteArrayInputStream(bytes), TransferSyntax.ImplicitVRLittleEndian, false));
        int field = Attribute.getSingleIntegerValueOrDefault(list, COMMAND_FIELD, -1);
        if (field == MessageServiceElementCommand.C_ECHO_RQ) {
            CEchoRequestCommandMessage echo = new CEchoRequestCommandMessage(list);
            response = new CEchoResponseCommandMessage(echo.getAffectedSOPClassUID(), echo.getMessageID(),
                    DimseStatus.SUCCESS.code()).getBytes();
            return true;
        }
        if (field != MessageServiceElementCommand.C_STORE_RQ) {
            throw new DicomNetworkException("unsupported DIMSE command 0x" + Integer.toHexString(field));
        }
        storeRequest = new CStoreRequestCommandMessage(list);
        if (Attribute.getSingleIntegerValueOrDefault(list, COMMAND_DATA_SET_TYPE, NO_DATA_SET) == NO_DATA_SET) {
            respond(StoreResult.failed(DimseStatus.CANNOT_UNDERSTAND));
            return true;
        }
        String sopClass = storeRequest.getAffectedSOPClassUID();
        String sopInstance = storeRequest.getAffectedSOPInstanceUID();
        String transferSyntax = association.transferSyntaxOf(presentationContextId);
        use = intake.policy().useOf(sopClass);
        switch (use) {
            case ANNOUNCED -> reception = intake.store().receive(sopClass, sopInstance, transferSyntax,
                    association.callingAeTitle());
            case IGNORED -> reception = intake.ignored().receive(sopClass, sopInstance, transferSyntax,
                    association.callingAeTitle()).orElse(null);
            case REFUSED -> reception = null;
            default -> throw new IllegalStateException("unknown use " + use);
        }
        return false;
    }

    /** Data fragments of a discarded or refused instance are read and dropped ({@code reception} is null). */
    private void finishStore() throws IOException, DicomException {
        StoreResult result = switch (use) {
            case ANNOUNCED -> reception.complete();
            case IGNORED -> intake.ignored().completed(storeRequest.getAffectedSOPClassUID(),
                    Optional.ofNullable(reception).map(InstanceReception::complete));
            case REFUSED -> StoreResult.failed(DimseStatus.SOP_CLASS_NOT_SUPPORTED);
        };
        respond(result);
    }

    private void respond(StoreResult result) throws IOException, DicomException {
        intake.onStored().accept(result);
        response = new CStoreResponseCommandMessage(storeRequest.getAffectedSOPClassUID(),
                storeRequest.getAffectedSOPInstanceUID(), storeRequest.getMessageID(), result.status().code())
                .getBytes();
    }
}
