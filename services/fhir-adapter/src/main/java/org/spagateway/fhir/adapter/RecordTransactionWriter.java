package org.spagateway.fhir.adapter;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores one {@link RecordTransaction} on the FHIR server. A transaction that merges series into its study's
 * ImagingStudy is sent with optimistic locking: read the study's ImagingStudy (its version included), send the
 * transaction built for it (the merged ImagingStudy as {@code PUT} with {@code If-Match} on that version, or a
 * conditional create of the study with the additions when none exists), and when another writer got there first,
 * read again and rebuild:
 *
 * <ul>
 *   <li>409, or 412 after which the ImagingStudy has a new version: the version read is no longer current (HAPI FHIR
 *       JPA answers a stale {@code If-Match} with a version conflict) or two conditional creates of the study met
 *       (HAPI-2745);</li>
 *   <li>the conditional create of the study matched one created since the read (response {@code 200}, not
 *       {@code 201}): the other records are stored, the additions are not yet.</li>
 * </ul>
 *
 * <p>The server applies each transaction atomically (FHIR R4 3.1.0.11.2), so a failed attempt leaves nothing behind
 * and the event's records and its series appear together. After {@value #ATTEMPTS} attempts the conflict is thrown
 * as a 409, which {@link FhirWriteFailurePolicy} retries later from Kafka: contention delays a record, it never
 * loses one. A 412 that is not a version conflict (two resources match a conditional create) is thrown as it is.
 */
final class RecordTransactionWriter {

    static final int ATTEMPTS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(RecordTransactionWriter.class);

    private final IGenericClient client;

    RecordTransactionWriter(IGenericClient client) {
        this.client = client;
    }

    /** The server's transaction-response; throws what the client throws when the server refuses or is down. */
    Bundle write(RecordTransaction transaction) {
        if (!transaction.mergesStudy()) {
            return execute(transaction.bundle());
        }
        for (int attempt = 1; ; attempt++) {
            ImagingStudy current = readStudy(transaction.studyInstanceUid());
            Bundle request = current == null ? transaction.bundle() : transaction.mergedInto(current);
            Bundle response;
            try {
                response = execute(request);
            } catch (ResourceVersionConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Concurrent write of the study's ImagingStudy (attempt {}), reading it again", attempt);
                continue;
            } catch (PreconditionFailedException e) {
                if (current == null || attempt == ATTEMPTS || !changedSince(current, transaction)) {
                    throw e;
                }
                LOG.debug("Stale ImagingStudy version (attempt {}), reading it again", attempt);
                continue;
            }
            if (current != null || createdTheStudy(response, transaction)) {
                return response;
            }
            if (attempt == ATTEMPTS) {
                throw new ResourceVersionConflictException("the study's ImagingStudy kept changing while its "
                        + "series were merged (" + ATTEMPTS + " attempts)");
            }
            LOG.debug("The study's ImagingStudy was created concurrently (attempt {}), merging into it", attempt);
        }
    }

    private Bundle execute(Bundle transaction) {
        return client.transaction().withBundle(transaction).execute();
    }

    /** The study's one ImagingStudy, never from a cache; null when there is none, or several (left to the server). */
    private ImagingStudy readStudy(String studyInstanceUid) {
        Bundle found = client.search()
                .byUrl("ImagingStudy?identifier=" + URLEncoder.encode(DicomIdentifiers.uidToken(studyInstanceUid),
                        StandardCharsets.UTF_8))
                .cacheControl(new CacheControlDirective().setNoCache(true))
                .returnBundle(Bundle.class)
                .execute();
        List<ImagingStudy> studies = found.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(ImagingStudy.class::isInstance).map(ImagingStudy.class::cast).toList();
        return studies.size() == 1 ? studies.get(0) : null;
    }

    private boolean changedSince(ImagingStudy read, RecordTransaction transaction) {
        ImagingStudy now = readStudy(transaction.studyInstanceUid());
        return now == null || !RecordTransaction.version(now).equals(RecordTransaction.version(read));
    }

    private static boolean createdTheStudy(Bundle response, RecordTransaction transaction) {
        String status = response.getEntry().get(transaction.studyEntry()).getResponse().getStatus();
        return status != null && status.startsWith("201");
    }
}
