package org.spagateway.inference.worker.task;

import java.util.Objects;
import org.spagateway.spa.model.Click;
import org.spagateway.spa.model.SpaModel;
import org.spagateway.spa.model.data.Task;
import org.spagateway.inference.worker.prep.StructureLocator;
import org.spagateway.dicom.seg.ModelIdentity;

/**
 * An SPA task this worker serves: the loaded model, how the model normalises pixels, and how the structure is
 * found in a source image.
 *
 * @param taskId    the task id of InferenceRequested, e.g. {@code fundus-optic-cup}
 * @param model     the loaded model (thread-safe; each thread makes its own predictor)
 * @param modelTask the model's task: input normalisation ({@link Task#normalise})
 * @param locator   finds the structure and the crop around it
 * @param onePerSeries whether only the image with the most evidence of the structure is segmented (CT: the slice
 *                  through the nodule, as training's slices lie within 30% of the radius of its centre) rather than
 *                  every image of the request (OP: every photograph is its own eye image)
 */
public record ServedTask(String taskId, SpaModel model, Task modelTask, StructureLocator locator,
                         boolean onePerSeries) {

    public ServedTask {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelTask, "modelTask");
        Objects.requireNonNull(locator, "locator");
    }

    public ModelIdentity identity() {
        return new ModelIdentity(model.info().name(), model.version());
    }

    public int inputSize() {
        return model.config().imageSize();
    }

    /**
     * The initial interaction: a positive click at the centre of the crop. Training's initial click is a positive
     * click inside the region all raters mark, and the crops are centred on the structure (for the optic cup, on
     * the disc, which contains the cup's agreed core). In production the clinician's own first click replaces it.
     */
    public Click initialClick() {
        return new Click(inputSize() / 2, inputSize() / 2, true);
    }
}
