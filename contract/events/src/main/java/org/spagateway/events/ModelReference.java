package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The model that produced a result: the SEG's Segment Algorithm Name and the version in its Segmentation Algorithm
 * Identification Sequence (PS3.3 C.8.20.2), and the FHIR Device a reporting system links to.
 *
 * @param name    model name, e.g. {@code spa-unet-small}
 * @param version model version, e.g. {@code 1.2.0}
 */
public record ModelReference(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version) {
}
