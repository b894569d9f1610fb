package org.spagateway.seg.export;

import java.util.Objects;
import org.spagateway.dicom.sender.StoreDestination;

/**
 * A PACS (or any Storage SCP) the SEG is sent to by C-STORE (PS3.4 Annex B) with the export's
 * {@link org.spagateway.dicom.sender.StoreScu}.
 *
 * @param scp the called AE, its address and whether it speaks DICOM TLS
 */
public record CStoreDestination(StoreDestination scp) implements ExportDestination {

    public CStoreDestination {
        Objects.requireNonNull(scp, "scp");
    }

    @Override
    public String name() {
        return scp.name();
    }

    @Override
    public String aeTitle() {
        return scp.aeTitle();
    }

    @Override
    public boolean tls() {
        return scp.tls();
    }

    @Override
    public String toString() {
        return scp.toString();
    }
}
