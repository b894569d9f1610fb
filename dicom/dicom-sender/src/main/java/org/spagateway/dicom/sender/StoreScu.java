package org.spagateway.dicom.sender;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.Association;
import com.pixelmed.network.AssociationOutputStream;
import com.pixelmed.network.CStoreRequestCommandMessage;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PresentationContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedList;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spagateway.dicom.network.CStoreResponse;
import org.spagateway.dicom.network.ClientTls;
import org.spagateway.dicom.network.IncompatiblePixelMedException;
import org.spagateway.dicom.network.OutboundAssociations;

/**
 * C-STORE SCU on PixelMed: one association per file, proposing the file's SOP class with Explicit VR Little Endian
 * (preferred) and Implicit VR Little Endian (the default every SCP must accept, PS3.5 10.1), then C-STORE-RQ,
 * C-STORE-RSP and A-RELEASE.
 *
 * <p>PixelMed's initiator opens its socket with {@code new Socket(host, port)}: no connect timeout, no read timeout
 * and Nagle's algorithm on, which with delayed ACKs costs ~40 ms per DIMSE message (DESIGN.md, throughput). So the
 * whole exchange runs on a worker thread bounded by {@code timeout}, and associations are opened through
 * {@link OutboundAssociations}, which gives the socket TCP_NODELAY and a read timeout before any P-DATA.
 * Destinations marked TLS are reached over TLS with the client's {@link ClientTls} settings (certificate and host name
 * of the destination checked before the A-ASSOCIATE-RQ is sent). Thread-safe; close it to stop its worker threads.
 */
public final class StoreScu implements DicomStoreClient, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreScu.class);
    private static final byte EXPLICIT_CONTEXT_ID = 1;
    private static final byte IMPLICIT_CONTEXT_ID = 3;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String callingAeTitle;
    private final Duration timeout;
    private final OutboundAssociations associations;
    private final Optional<ClientTls> tls;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "spa-store-scu-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param callingAeTitle the gateway's AE title in the associations it opens
     * @param timeout        the longest one C-STORE may take, connection and association included
     * @throws IncompatiblePixelMedException when the PixelMed on the class path cannot have its sockets tuned
     */
    public StoreScu(String callingAeTitle, Duration timeout) {
        this(callingAeTitle, timeout, Optional.empty());
    }

    /**
     * @param tls how TLS destinations are reached; without it a TLS destination fails every store
     *            ({@link StoreFailure#TLS_HANDSHAKE_FAILED})
     */
    public StoreScu(String callingAeTitle, Duration timeout, Optional<ClientTls> tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        StoreDestination.requireAeTitle(callingAeTitle, "callingAeTitle");
        this.callingAeTitle = callingAeTitle;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.associations = new OutboundAssociations(timeout);
    }

    @Override
    public StoreOutcome store(Path part10File, StoreDestination destination) {
        Part10Instance instance;
        try {
            instance = Part10Instance.read(part10File);
        } catch (Part10Instance.UnreadableFileException e) {
            return StoreOutcome.failed(StoreFailure.FILE_UNREADABLE, e.getMessage());
        }
        if (destination.tls() && tls.isEmpty()) {
            return StoreOutcome.failed(StoreFailure.TLS_HANDSHAKE_FAILED, destination + " requires TLS and no TLS "
                    + "settings were given");
        }
        AtomicReference<Association> open = new AtomicReference<>();
        Future<StoreOutcome> exchange = workers.submit(() -> send(instance, destination, open));
        try {
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            abort(open.get());
            return StoreOutcome.failed(StoreFailure.TIMEOUT, "no C-STORE response from " + destination + " within "
                    + timeout);
        } catch (ExecutionException e) {
            return StoreOutcome.failed(StoreFailure.NETWORK_ERROR, "C-STORE to " + destination + " failed: "
                    + e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            abort(open.get());
            Thread.currentThread().interrupt();
            return StoreOutcome.failed(StoreFailure.TIMEOUT, "interrupted while sending to " + destination);
        }
    }

    private StoreOutcome send(Part10Instance instance, StoreDestination destination,
                              AtomicReference<Association> open) {
        Association association = null;
        try {
            association = destination.tls()
                    ? associations.openTls(destination.host(), destination.port(), destination.aeTitle(),
                            callingAeTitle, presentationContexts(instance.sopClassUid()), tls.orElseThrow())
                    : associations.open(destination.host(), destination.port(), destination.aeTitle(),
                            callingAeTitle, presentationContexts(instance.sopClassUid()));
            open.set(association);
            byte contextId;
            try {
                contextId = association.getSuitablePresentationContextID(instance.sopClassUid());
            } catch (DicomNetworkException e) {
                release(association);
                return StoreOutcome.failed(StoreFailure.SOP_CLASS_NOT_ACCEPTED, destination + " accepted no "
                        + "presentation context for SOP class " + instance.sopClassUid());
            }
            String transferSyntax = association.getTransferSyntaxForPresentationContextID(contextId);
            byte[] data = instance.encode(transferSyntax);
            byte[] command = new CStoreRequestCommandMessage(instance.sopClassUid(), instance.sopInstanceUid())
                    .getBytes();
            CStoreResponse response = new CStoreResponse();
            association.setReceivedDataHandler(response);
            association.send(contextId, command, null);
            // The data set goes through PixelMed's association stream, which splits it into P-DATA-TF PDUs no
            // larger than the receiver's Maximum Length (PS3.8 D.1); Orthanc, for one, offers 16 KB and aborts the
            // association on a larger PDU.
            try (AssociationOutputStream dataStream = association.getAssociationOutputStream(contextId)) {
                dataStream.write(data);
            }
            association.waitForCommandPDataPDUs();
            int status = response.receivedStatus();
            release(association);
            if (status == CStoreResponse.NO_STATUS) {
                return StoreOutcome.failed(StoreFailure.ASSOCIATION_ABORTED, "no C-STORE response from "
                        + destination);
            }
            StoreOutcome outcome = StoreOutcome.ofStatus(status);
            LOG.debug("C-STORE of {} to {}: {}", instance.sopInstanceUid(), destination, outcome.detail());
            return outcome;
        } catch (DicomNetworkException e) {
            abort(association);
            return StoreOutcome.failed(ExportFailurePolicy.forUpperLayerMessage(e.getMessage()),
                    destination + ": " + e.getMessage());
        } catch (IOException e) {
            abort(association);
            return StoreOutcome.failed(ExportFailurePolicy.forIoException(e), destination + ": " + e);
        } catch (DicomException e) {
            abort(association);
            return StoreOutcome.failed(StoreFailure.FILE_UNREADABLE, "cannot encode " + instance.sopInstanceUid()
                    + ": " + e.getMessage());
        } catch (com.pixelmed.network.AReleaseException e) {
            return StoreOutcome.failed(StoreFailure.ASSOCIATION_ABORTED, destination
                    + " released the association before answering the C-STORE");
        }
    }

    private static LinkedList<PresentationContext> presentationContexts(String sopClassUid) {
        LinkedList<PresentationContext> contexts = new LinkedList<>();
        contexts.add(new PresentationContext(EXPLICIT_CONTEXT_ID, sopClassUid, TransferSyntax.ExplicitVRLittleEndian));
        contexts.add(new PresentationContext(IMPLICIT_CONTEXT_ID, sopClassUid, TransferSyntax.ImplicitVRLittleEndian));
        return contexts;
    }

    private static void release(Association association) {
        try {
            association.release();
        } catch (DicomNetworkException e) {
            LOG.debug("A-RELEASE failed after the C-STORE: {}", e.getMessage());
        }
    }

    private static void abort(Association association) {
        if (association == null) {
            return;
        }
        try {
            association.abort();
        } catch (DicomNetworkException | RuntimeException e) {
            LOG.debug("A-ABORT failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
