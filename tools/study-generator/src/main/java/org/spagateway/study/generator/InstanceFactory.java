package org.spagateway.study.generator;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;

/** Builds the complete dataset of one instance of a task's IOD; file meta information is added by the writer. */
interface InstanceFactory {

    AttributeList create(StudyContext context, int index) throws DicomException;

    static InstanceFactory forTask(DemoTask task) {
        return switch (task) {
            case FUNDUS -> new FundusInstanceFactory();
            case CT -> new CtInstanceFactory();
        };
    }
}
