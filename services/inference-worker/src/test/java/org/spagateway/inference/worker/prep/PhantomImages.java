package org.spagateway.inference.worker.prep;

import org.spagateway.phantoms.PhantomImage;
import org.spagateway.dicom.objects.SourcePixels;

/** Phantom renderings (interleaved channels) as source pixels (channel-planar), as the DICOM reader returns them. */
public final class PhantomImages {

    private PhantomImages() {
    }

    public static SourcePixels pixels(PhantomImage image) {
        int n = image.width() * image.height();
        int channels = image.channels();
        float[] planar = new float[n * channels];
        float[] interleaved = image.pixels();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                planar[c * n + i] = interleaved[i * channels + c];
            }
        }
        return new SourcePixels(image.width(), image.height(), channels, 0, planar);
    }
}
