package org.spagateway.reporting.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.dicom.objects.DisplayableSource;
import org.spagateway.dicom.objects.SourceImageException;
import org.spagateway.dicom.objects.SourcePixelReader;
import org.spagateway.dicom.seg.SegmentationFormatException;
import org.spagateway.dicom.seg.SegmentationReader;
import org.spagateway.dicom.seg.StoredSegment;
import org.spagateway.dicom.seg.StoredSegmentation;
import org.spagateway.sessions.ChoiceRejection;
import org.spagateway.sessions.RoundRecord;
import org.spagateway.sessions.SessionLedger;
import org.spagateway.sessions.SessionView;

/**
 * What the candidate picker shows of a session, drawn from the stored DICOM objects themselves:
 * {@code GET /sessions/{id}/source.png} (the source instance, windowed or in colour),
 * {@code GET /sessions/{id}/rounds/{n}} (the round's segments as its SEG holds them: labels, samples represented,
 * areas) and {@code GET /sessions/{id}/rounds/{n}/segments/{s}.png} (one segment's frame as a mask). Each request
 * needs view rights on the session ({@link SessionAccessPolicy#mayView}) and is recorded for the access audit before
 * the answer, refused ones included.
 */
final class RoundImageResource {

    private static final Logger LOG = LoggerFactory.getLogger(RoundImageResource.class);
    /** Patient pixels: never kept by the browser or anything between (the page fetches them afresh anyway). */
    private static final String NOT_STORED = "no-store";

    private final SessionLedger ledger;
    private final DicomObjectSource objects;
    private final AccessAudit audit;
    private final SessionAccessPolicy policy = new SessionAccessPolicy();
    private final SourcePixelReader sources = new SourcePixelReader();
    private final SegmentationReader segmentations = new SegmentationReader();
    private final PickerImageRenderer renderer = new PickerImageRenderer();

    RoundImageResource(SessionLedger ledger, DicomObjectSource objects, AccessAudit audit) {
        this.ledger = ledger;
        this.objects = objects;
        this.audit = audit;
    }

    ApiResponse source(ApiRequest request, String sessionId, Caller caller) throws IOException {
        return audited(request, sessionId, caller, view -> png(renderSource(view)));
    }

    ApiResponse round(ApiRequest request, String sessionId, int round, Caller caller) throws IOException {
        return audited(request, sessionId, caller, view -> {
            Optional<RoundRecord> record = view.round(round);
            if (record.isEmpty()) {
                return noRound(sessionId, round);
            }
            StoredSegmentation seg = segmentation(record.get());
            return ApiResponse.json(200, "OK", PickerRound.of(view, record.get(), seg));
        });
    }

    ApiResponse segment(ApiRequest request, String sessionId, int round, int segment, Caller caller)
            throws IOException {
        return audited(request, sessionId, caller, view -> {
            Optional<RoundRecord> record = view.round(round);
            if (record.isEmpty()) {
                return noRound(sessionId, round);
            }
            Optional<StoredSegment> stored = segmentation(record.get()).segment(segment);
            if (stored.isEmpty()) {
                return ApiResponse.error(404, "UNKNOWN_SEGMENT", "round " + round + " has no segment " + segment);
            }
            return png(renderer.mask(stored.get().mask()));
        });
    }

    @FunctionalInterface
    private interface Rendering {
        ApiResponse answer(SessionView view) throws IOException, UnreadableObjectException;
    }

    private ApiResponse audited(ApiRequest request, String sessionId, Caller caller, Rendering rendering)
            throws IOException {
        Optional<String> user = audit.user(request, caller);
        if (user.isEmpty()) {
            return AccessAudit.invalidUser();
        }
        Optional<SessionAccessPolicy.Refusal> refusal = policy.mayReadAny(caller);
        Optional<SessionView> found = refusal.isPresent() ? Optional.empty() : ledger.find(sessionId);
        if (refusal.isEmpty() && found.isPresent()) {
            refusal = policy.mayView(caller, found.get());
        }
        ApiResponse answer;
        if (refusal.isPresent()) {
            answer = ApiResponse.error(refusal.get().rejection().httpStatus(), refusal.get().rejection().name(),
                    refusal.get().message());
        } else if (found.isEmpty()) {
            answer = ApiResponse.error(ChoiceRejection.UNKNOWN_SESSION.httpStatus(),
                    ChoiceRejection.UNKNOWN_SESSION.name(), "no session " + sessionId);
        } else {
            answer = rendered(sessionId, found.get(), rendering);
        }
        audit.record(request, user.get(), AccessAudit.READ, sessionId, found, answer.status());
        return answer;
    }

    private ApiResponse rendered(String sessionId, SessionView view, Rendering rendering) {
        try {
            return rendering.answer(view);
        } catch (NoSuchFileException e) {
            LOG.warn("Session {}: a stored DICOM object is missing", sessionId);
            return ApiResponse.error(404, "OBJECT_MISSING", "a stored DICOM object of session " + sessionId
                    + " is no longer there");
        } catch (DicomObjectSource.UnsupportedLocationException e) {
            LOG.warn("Session {}: {}", sessionId, e.getMessage());
            return ApiResponse.error(502, "OBJECT_UNREACHABLE", "the stored DICOM object cannot be fetched from"
                    + " its location: " + e.getMessage());
        } catch (IOException e) {
            // The exception's text may name the stored file, whose path is made of UIDs: its class only.
            LOG.warn("Session {}: reading a stored DICOM object failed ({})", sessionId, e.getClass().getName());
            return ApiResponse.error(ChoiceApi.RETRY_STATUS, "STORAGE_UNAVAILABLE", "the DICOM storage could not be"
                    + " read; repeat the request later").withHeader("Retry-After", ChoiceApi.RETRY_AFTER_SECONDS);
        } catch (UnreadableObjectException e) {
            LOG.warn("Session {}: {}", sessionId, e.getMessage());
            return ApiResponse.error(422, "OBJECT_UNREADABLE", e.getMessage());
        }
    }

    private byte[] renderSource(SessionView view) throws IOException, UnreadableObjectException {
        DisplayableSource source;
        try (InputStream in = objects.open(view.session().source().location())) {
            source = sources.readDisplayable(in);
        } catch (SourceImageException e) {
            throw new UnreadableObjectException("the source image cannot be shown: " + e.getMessage());
        }
        return renderer.source(source);
    }

    private StoredSegmentation segmentation(RoundRecord round) throws IOException, UnreadableObjectException {
        try (InputStream in = objects.openSegmentation(round.segmentation())) {
            return segmentations.read(in);
        } catch (SegmentationFormatException e) {
            throw new UnreadableObjectException("the round's segmentation cannot be shown: " + e.getMessage());
        }
    }

    private static ApiResponse noRound(String sessionId, int round) {
        return ApiResponse.error(404, "UNKNOWN_ROUND", "session " + sessionId + " has no stored round " + round);
    }

    private static ApiResponse png(byte[] png) {
        return new ApiResponse(200, "OK", Map.of("Content-Type", "image/png", "Cache-Control", NOT_STORED), png);
    }

    /** A stored object this edge cannot decode: permanent, answered 422. */
    private static final class UnreadableObjectException extends Exception {

        private static final long serialVersionUID = 1L;

        UnreadableObjectException(String message) {
            super(message);
        }
    }
}
