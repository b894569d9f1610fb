package org.spagateway.worker.seg;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SpecificCharacterSet;

/** A coded concept: Code Value, Coding Scheme Designator, Code Meaning (PS3.3 Table 8.8-1). */
record CodedConcept(String value, String scheme, String meaning) {

    AttributeList toItem(SpecificCharacterSet characterSet) {
        return new AttributeListBuilder(characterSet)
                .put("CodeValue", value)
                .put("CodingSchemeDesignator", scheme)
                .put("CodeMeaning", meaning)
                .build();
    }
}
