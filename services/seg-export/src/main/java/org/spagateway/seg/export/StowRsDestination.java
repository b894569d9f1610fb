package org.spagateway.seg.export;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A DICOMweb origin server the SEG is sent to by STOW-RS (PS3.18 10.5): {@code POST <base-url>/studies} with the
 * SEG as the one part of a {@code multipart/related; type="application/dicom"} body. Never prints its credentials.
 *
 * @param name          the configured name
 * @param baseUrl       the DICOMweb service root (e.g. Orthanc's {@code http://orthanc:8042/dicom-web}), without
 *                      user information or a trailing slash
 * @param aeTitle       the AE title recorded for it in SegmentationExported (a DICOMweb server has none of its own
 *                      on the wire; the archive behind it usually does)
 * @param authorization the {@code Authorization} header value (Bearer or Basic) sent with every request, if any
 */
public record StowRsDestination(String name, URI baseUrl, String aeTitle, Optional<String> authorization)
        implements ExportDestination {

    public StowRsDestination {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(aeTitle, "aeTitle");
        Objects.requireNonNull(authorization, "authorization");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
        }
        if (baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("credentials in the URL of " + name);
        }
    }

    /** The STOW-RS resource: {@code <base-url>/studies} (PS3.18 10.5.1, Store Instances, no study given). */
    public URI studiesUrl() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/studies");
    }

    @Override
    public boolean tls() {
        return "https".equals(baseUrl.getScheme());
    }

    @Override
    public String toString() {
        return name + " (STOW-RS " + baseUrl + (authorization.isPresent() ? ", with credentials" : "") + ")";
    }
}
