package org.spagateway.fhir.adapter;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Identifier;
import org.spagateway.events.ModelReference;

/**
 * The model that produced a result as an R4 Device shaped after the AI Device profile of HL7 AI Transparency on FHIR
 * (type {@code AIdeviceTypeCS#Artificial-Intelligence}): one Device per model version, identified by
 * {@value #MODEL_SYSTEM}{@code |<name>@<weights SHA-256 prefix>}, so a redelivered event, and every later round of
 * the same model, refers to the same Device.
 *
 * <p>The inference worker's version string is already {@code <name>@<first 12 hex digits of the weights' SHA-256>}
 * ({@code SpaModel.version()}); a version without the name prefix (e.g. {@code 1.2.0}) is prefixed with it. The hex
 * digits are written as a second {@code Device.version} typed "weights SHA-256 (prefix)": the event carries only
 * the prefix, never the full digest.
 */
final class ModelDeviceMapper {

    static final String MODEL_SYSTEM = "urn:spa-gateway:model";
    static final String AI_DEVICE_TYPE_SYSTEM = "http://hl7.org/fhir/uv/aitransparency/CodeSystem/AIdeviceTypeCS";
    static final String AI_DEVICE_TYPE = "Artificial-Intelligence";
    static final String TYPE_TEXT = "AI segmentation model";

    /** {@code <name>@<version>}, or the version alone when it already starts with {@code <name>@}. */
    static String modelId(ModelReference model) {
        return model.version().startsWith(model.name() + "@") ? model.version()
                : model.name() + "@" + model.version();
    }

    /** The search token for the Device's identifier: {@code urn:spa-gateway:model|<model id>}. */
    static String identifierToken(ModelReference model) {
        return MODEL_SYSTEM + "|" + modelId(model);
    }

    static Identifier identifier(ModelReference model) {
        return new Identifier().setSystem(MODEL_SYSTEM).setValue(modelId(model));
    }

    Device map(ModelReference model, String task) {
        Device device = new Device()
                .addIdentifier(identifier(model))
                .setStatus(Device.FHIRDeviceStatus.ACTIVE)
                .setType(new CodeableConcept(new Coding(AI_DEVICE_TYPE_SYSTEM, AI_DEVICE_TYPE,
                        "All kinds of Artificial Intelligence")).setText(TYPE_TEXT));
        device.addDeviceName().setName(model.name()).setType(Device.DeviceNameType.MODELNAME);
        device.addVersion().setValue(model.version());
        String sha256Prefix = sha256Prefix(model);
        if (sha256Prefix != null) {
            device.addVersion().setType(new CodeableConcept().setText("weights SHA-256 (prefix)"))
                    .setValue(sha256Prefix);
        }
        device.addProperty().setType(new CodeableConcept().setText("task"))
                .addValueCode(new CodeableConcept().setText(task));
        return device;
    }

    /** The hex digits after {@code <name>@}, when the version has that form; null otherwise. */
    static String sha256Prefix(ModelReference model) {
        String prefix = model.name() + "@";
        if (!model.version().startsWith(prefix)) {
            return null;
        }
        String hex = model.version().substring(prefix.length());
        return hex.matches("[0-9a-f]{6,64}") ? hex : null;
    }
}
