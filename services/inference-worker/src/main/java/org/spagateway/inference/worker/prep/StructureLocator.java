package org.spagateway.inference.worker.prep;

import org.spagateway.dicom.objects.SourcePixels;
import org.spagateway.dicom.objects.SourceImageException;

/**
 * Finds the structure a task segments and returns the crop window the model expects around it. The synthetic
 * phantoms allow simple image heuristics; a production deployment takes the initial location from the clinician
 * (the first click) or from a detector, behind this same interface.
 */
public interface StructureLocator {

    /** @throws SourceImageException when the image shows no such structure (permanent for this image) */
    Localisation locate(SourcePixels image, int modelSize) throws SourceImageException;
}
