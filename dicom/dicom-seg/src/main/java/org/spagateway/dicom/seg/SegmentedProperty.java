package org.spagateway.dicom.seg;

import java.util.Map;
import java.util.Optional;
import org.spagateway.dicom.objects.CodedConcept;

/**
 * The coded meaning of what an SPA task segments: Segmented Property Category (BCID 7150) and Type (BCID 7151 and
 * its included groups) and, where the type alone does not place it, an Anatomic Region (PS3.3 C.8.20.4.1).
 *
 * <p>Codes, as PS3.16 and SNOMED CT give them:
 * <ul>
 *   <li>{@code ct-lung-nodule}: category (49755003, SCT, "Morphologically Abnormal Structure") from CID 7150 (older
 *       editions name it "Morphologically Altered Structure"); type (27925004, SCT, "Nodule"), in CID 7151 via
 *       the lesion types; region (39607008, SCT, "Lung").</li>
 *   <li>{@code fundus-optic-cup}: category (91723000, SCT, "Anatomical Structure") from CID 7150. The optic cup has
 *       no code in PS3.16 and no SNOMED CT body-structure code could be confirmed here, so the type is the
 *       Foundational Model of Anatomy's optic cup (77664, FMA, "Optic cup"); FMA is a coding scheme PS3.16
 *       Table 8-1 defines. The region is the optic disc as PS3.16 codes it in CID 4266 Ophthalmic Anatomic
 *       Structure Reference Point: (81016008, SCT, "Optic nerve head").</li>
 * </ul>
 */
record SegmentedProperty(CodedConcept category, CodedConcept type, Optional<CodedConcept> anatomicRegion) {

    private static final CodedConcept ANATOMICAL_STRUCTURE =
            new CodedConcept("91723000", "SCT", "Anatomical Structure");
    private static final CodedConcept MORPHOLOGICALLY_ABNORMAL_STRUCTURE =
            new CodedConcept("49755003", "SCT", "Morphologically Abnormal Structure");

    private static final Map<String, SegmentedProperty> BY_TASK = Map.of(
            "ct-lung-nodule", new SegmentedProperty(MORPHOLOGICALLY_ABNORMAL_STRUCTURE,
                    new CodedConcept("27925004", "SCT", "Nodule"),
                    Optional.of(new CodedConcept("39607008", "SCT", "Lung"))),
            "fundus-optic-cup", new SegmentedProperty(ANATOMICAL_STRUCTURE,
                    new CodedConcept("77664", "FMA", "Optic cup"),
                    Optional.of(new CodedConcept("81016008", "SCT", "Optic nerve head"))));

    /** The codes for {@code task}; an unknown task is a configuration error, not something to guess. */
    static SegmentedProperty forTask(String task) {
        SegmentedProperty property = BY_TASK.get(task);
        if (property == null) {
            throw new IllegalArgumentException("no segmented property codes for task '" + task + "'; known tasks: "
                    + BY_TASK.keySet().stream().sorted().toList());
        }
        return property;
    }
}
