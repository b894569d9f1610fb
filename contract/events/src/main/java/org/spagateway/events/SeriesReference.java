package org.spagateway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * One series of a received study.
 *
 * @param seriesInstanceUid (0020,000E)
 * @param modality          (0008,0060)
 * @param bodyPartExamined  (0018,0015), null when absent
 * @param instances         the stored instances of this series
 * @param addedInstanceCount instances of this series new or changed in this study version (all of them in
 *                           version 1; 0 for a series a later version did not touch)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeriesReference(
        @JsonProperty("seriesInstanceUid") String seriesInstanceUid,
        @JsonProperty("modality") String modality,
        @JsonProperty("bodyPartExamined") String bodyPartExamined,
        @JsonProperty("instances") List<InstanceReference> instances,
        @JsonProperty("addedInstanceCount") int addedInstanceCount) {

    public SeriesReference {
        instances = List.copyOf(instances);
        if (addedInstanceCount < 0 || addedInstanceCount > instances.size()) {
            throw new IllegalArgumentException("addedInstanceCount " + addedInstanceCount + " outside [0, "
                    + instances.size() + "]");
        }
    }

    /** Whether this study version added or changed instances of this series. */
    @JsonIgnore
    public boolean changed() {
        return addedInstanceCount > 0;
    }
}
