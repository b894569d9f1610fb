package org.spagateway.seg.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import org.spagateway.dicom.sender.ExportFailurePolicy;
import org.spagateway.dicom.sender.StoreFailure;
import org.spagateway.dicom.sender.StoreOutcome;
import org.spagateway.dicom.sender.StoreOutcome.Disposition;

/**
 * What a STOW-RS answer (PS3.18 10.5.3) means for the one SEG it carried, by the export's failure policy:
 * <ul>
 *   <li>408, 429, 5xx (RFC 9110: busy, overloaded, down) and no answer: the destination is down, retried without
 *       limit and never dead-lettered ({@link StoreFailure#HTTP_UNAVAILABLE}, no status);</li>
 *   <li>the instance in the Failed SOP Sequence (0008,1198) with a Failure Reason (0008,1197): refused with that
 *       reason, which uses the C-STORE status codes (PS3.18 Table 10.5.3-1), so it is classified like a C-STORE
 *       status by {@link ExportFailurePolicy#forStatus} in a 2xx answer (A700 is retried, C000 is not), and refused
 *       at once in a 4xx one (409 Conflict: nothing was stored);</li>
 *   <li>the instance in the Referenced SOP Sequence (0008,1199): stored, with a warning when the item (or the
 *       response) has a Warning Reason (0008,1196), e.g. B000 coercion of data elements; a server that already held
 *       the instance (the SEG's UID is deterministic, so a redelivered export) answers success or a warning, and
 *       both count as stored;</li>
 *   <li>200 without a readable body or without naming the instance: stored (200 says every instance was stored);
 *       any other 2xx that does not name it: {@link StoreFailure#RESPONSE_UNREADABLE}, permanent;</li>
 *   <li>any other 4xx, or a redirect (not followed: a moved server is a configuration error):
 *       {@link StoreFailure#HTTP_REFUSED}, permanent.</li>
 * </ul>
 * The outcome's status is the Failure or Warning Reason (0 when stored without one). Details name HTTP statuses and
 * reason codes, never a UID or any other value from the dataset.
 */
final class StowRsResponse {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAILED_SOP_SEQUENCE = "00081198";
    private static final String REFERENCED_SOP_SEQUENCE = "00081199";
    private static final String REFERENCED_SOP_INSTANCE_UID = "00081155";
    private static final String FAILURE_REASON = "00081197";
    private static final String WARNING_REASON = "00081196";

    private StowRsResponse() {
    }

    /** The outcome of a STOW-RS request that was answered with {@code httpStatus} and {@code body}. */
    static StoreOutcome classify(int httpStatus, byte[] body, String sopInstanceUid) {
        String http = "HTTP " + httpStatus;
        if (httpStatus == 408 || httpStatus == 429 || httpStatus >= 500 || httpStatus < 200) {
            return StoreOutcome.failed(StoreFailure.HTTP_UNAVAILABLE, http + ": the server is busy or down");
        }
        if (httpStatus >= 300 && httpStatus < 400) {
            return StoreOutcome.failed(StoreFailure.HTTP_REFUSED, http + ": redirected (not followed)");
        }
        Optional<JsonNode> response = parse(body);
        Optional<JsonNode> failed = response.flatMap(r -> item(r, FAILED_SOP_SEQUENCE, sopInstanceUid));
        if (failed.isPresent()) {
            return failedInstance(httpStatus, failed.get());
        }
        boolean success = httpStatus >= 200 && httpStatus < 300;
        Optional<JsonNode> referenced = response.flatMap(r -> item(r, REFERENCED_SOP_SEQUENCE, sopInstanceUid));
        if (success && referenced.isPresent()) {
            OptionalInt warning = reason(referenced.get(), WARNING_REASON);
            if (warning.isEmpty()) {
                warning = reason(response.get(), WARNING_REASON);
            }
            if (warning.isEmpty()) {
                return new StoreOutcome(Disposition.STORED, Optional.of(0), Optional.empty(),
                        http + ", instance stored");
            }
            return new StoreOutcome(Disposition.STORED_WITH_WARNING, Optional.of(warning.getAsInt()),
                    Optional.empty(), http + ", instance stored with Warning Reason "
                    + ExportFailurePolicy.hex(warning.getAsInt()));
        }
        if (httpStatus == 200) {
            return new StoreOutcome(Disposition.STORED, Optional.of(0), Optional.empty(), http
                    + (response.isEmpty() ? " without a DICOM JSON body" : " not naming the instance")
                    + ": every instance stored");
        }
        if (success) {
            return StoreOutcome.failed(StoreFailure.RESPONSE_UNREADABLE, http
                    + (response.isEmpty() ? " without a readable DICOM JSON body" : " not naming the instance")
                    + ": whether it was stored is unknown");
        }
        return StoreOutcome.failed(StoreFailure.HTTP_REFUSED, http + " (refused)");
    }

    /** A Failed SOP Sequence item: its Failure Reason decides, in a 2xx answer; a 4xx answer is final anyway. */
    private static StoreOutcome failedInstance(int httpStatus, JsonNode item) {
        OptionalInt reason = reason(item, FAILURE_REASON);
        String http = "HTTP " + httpStatus;
        if (reason.isEmpty()) {
            return StoreOutcome.failed(StoreFailure.RESPONSE_UNREADABLE,
                    http + ", instance failed without a Failure Reason");
        }
        int status = reason.getAsInt();
        Disposition disposition = ExportFailurePolicy.forStatus(status);
        if (disposition.stored() || httpStatus >= 400) {
            disposition = Disposition.PERMANENT;
        }
        return new StoreOutcome(disposition, Optional.of(status), Optional.of(StoreFailure.DIMSE_FAILURE),
                http + ", instance failed with Failure Reason " + ExportFailurePolicy.hex(status) + " ("
                        + ExportFailurePolicy.describeStatus(status) + ")");
    }

    /** The response dataset: a DICOM JSON object (PS3.18 F.2), or an array holding one, as some servers send. */
    private static Optional<JsonNode> parse(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.isArray() && root.size() == 1) {
                root = root.get(0);
            }
            return root != null && root.isObject() ? Optional.of(root) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> item(JsonNode response, String sequence, String sopInstanceUid) {
        for (JsonNode item : response.path(sequence).path("Value")) {
            for (JsonNode uid : item.path(REFERENCED_SOP_INSTANCE_UID).path("Value")) {
                if (sopInstanceUid.equals(uid.asText())) {
                    return Optional.of(item);
                }
            }
        }
        return Optional.empty();
    }

    private static OptionalInt reason(JsonNode dataset, String tag) {
        JsonNode value = dataset.path(tag).path("Value").path(0);
        if (value.isInt() && value.intValue() >= 0 && value.intValue() <= 0xFFFF) {
            return OptionalInt.of(value.intValue());
        }
        return OptionalInt.empty();
    }
}
