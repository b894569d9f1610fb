package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One series of a received study.
 *
 * @param seriesInstanceUid (0020,000E)
 * @param modality          (0008,0060)
 * @param bodyPartExamined  (0018,0015), null when absent
 * @param instances         the stored instances of this series
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeriesReference(
        @JsonProperty("seriesInstanceUid") String seriesInstanceUid,
        @JsonProperty("modality") String modality,
        @JsonProperty("bodyPartExamined") String bodyPartExamined,
        @JsonProperty("instances") List<InstanceReference> instances) {

    public SeriesReference {
        instances = List.copyOf(instances);
    }
}
