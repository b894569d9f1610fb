package org.spagateway.inference.worker.rounds;

import java.io.IOException;
import org.spagateway.events.InstanceReference;
import org.spagateway.spa.model.ModelImage;
import org.spagateway.dicom.objects.SourcePixelReader;
import org.spagateway.dicom.objects.SourcePixels;
import org.spagateway.inference.worker.prep.CropWindow;
import org.spagateway.inference.worker.prep.Localisation;
import org.spagateway.inference.worker.prep.ModelInputSampler;
import org.spagateway.inference.worker.sources.LocalSource;
import org.spagateway.inference.worker.sources.SourceInstances;
import org.spagateway.dicom.objects.SourceImageException;
import org.spagateway.inference.worker.task.ServedTask;

/**
 * Source image to model input, the same way for a session's first round and for any later round: read the pixels
 * (PixelMed) from wherever the source lies ({@link SourceInstances}: a local file, or a verified copy fetched from
 * the edge), find the structure, crop and normalise as training did. Deterministic in the source file.
 */
final class ModelInputPreparer {

    private final SourcePixelReader reader = new SourcePixelReader();
    private final SourceInstances sources;

    ModelInputPreparer(SourceInstances sources) {
        this.sources = sources;
    }

    /** A read source image and where its structure is. */
    record LocatedImage(InstanceReference instance, SourcePixels pixels, Localisation localisation) {
    }

    /**
     * @throws SourceImageException a source that cannot be segmented or shows no structure (permanent)
     * @throws IOException          reading failed; {@link java.nio.file.NoSuchFileException} when it is missing
     */
    LocatedImage locate(InstanceReference instance, ServedTask task) throws IOException, SourceImageException {
        return locate(instance, read(instance), task);
    }

    /** The source's pixels; a file that is not an image this worker reads is a {@link SourceImageException}. */
    SourcePixels read(InstanceReference instance) throws IOException, SourceImageException {
        try (LocalSource source = sources.open(instance)) {
            return reader.read(source.path());
        }
    }

    /** Where the structure is in pixels already read; none there is a {@link SourceImageException}. */
    LocatedImage locate(InstanceReference instance, SourcePixels pixels, ServedTask task) throws SourceImageException {
        return new LocatedImage(instance, pixels,
                task.locator().locate(pixels, task.inputSize()));
    }

    PreparedImage prepare(LocatedImage image, ServedTask task) {
        CropWindow window = image.localisation().window();
        ModelImage input = ModelInputSampler.sample(image.pixels(), window, task.modelTask()::normalise);
        return new PreparedImage(input, window, image.pixels().columns(), image.pixels().rows());
    }

    PreparedImage prepare(InstanceReference instance, ServedTask task) throws IOException, SourceImageException {
        return prepare(locate(instance, task), task);
    }
}
