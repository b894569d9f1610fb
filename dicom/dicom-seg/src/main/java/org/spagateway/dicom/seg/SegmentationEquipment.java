package org.spagateway.dicom.seg;

import java.time.ZoneId;
import java.util.Objects;

/**
 * How the worker identifies itself in every SEG it writes (Enhanced General Equipment, PS3.3 C.7.5.2) and the time
 * zone its DICOM dates and times are expressed in (DICOM DA/TM carry no zone; Timezone Offset From UTC
 * (0008,0201) says which).
 *
 * @param manufacturerModelName Manufacturer's Model Name (0008,1090)
 * @param deviceSerialNumber    Device Serial Number (0018,1000): one value per deployment, not per worker process,
 *                              so a request redelivered to another worker still writes identical bytes
 * @param softwareVersions      Software Versions (0018,1020): the gateway's version
 * @param zone                  the hospital's time zone for Content and Instance Creation Date/Time
 */
public record SegmentationEquipment(String manufacturerModelName, String deviceSerialNumber,
                                    String softwareVersions, ZoneId zone) {

    /** Manufacturer (0008,0070) of every SEG the gateway writes. */
    public static final String MANUFACTURER = "spa-gateway";

    public SegmentationEquipment {
        Texts.requireText(manufacturerModelName, "manufacturerModelName", 64);
        Texts.requireText(deviceSerialNumber, "deviceSerialNumber", 64);
        Texts.requireText(softwareVersions, "softwareVersions", 64);
        Objects.requireNonNull(zone, "zone");
    }

    /** Defaults for tests and the all-in-one demo: UTC, serial number {@code spa-gateway-demo}. */
    public static SegmentationEquipment defaults() {
        return new SegmentationEquipment("spa-gateway inference-worker", "spa-gateway-demo", "0.1.0",
                ZoneId.of("UTC"));
    }
}
