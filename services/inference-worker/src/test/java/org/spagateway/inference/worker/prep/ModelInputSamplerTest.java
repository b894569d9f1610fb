package org.spagateway.inference.worker.prep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spagateway.spa.model.ModelImage;
import org.spagateway.spa.model.data.ImageOps;
import org.spagateway.spa.model.data.Task;
import org.spagateway.phantoms.FundusPhantom;
import org.spagateway.phantoms.PhantomImage;

class ModelInputSamplerTest {

    /**
     * The worker's input (full photograph, located disc, crop, resample, normalise) must look like the training
     * input of the same eye (the phantom's own disc crop rendered at 256 and block-averaged to 128).
     */
    @ParameterizedTest
    @ValueSource(longs = {3, 11, 2024})
    void cropOfAFullPhotographMatchesTheTrainingCropOfTheSameEye(long seed) throws Exception {
        CropWindow window = new OpticDiscLocator().locate(
                PhantomImages.pixels(FundusPhantom.fromSeed(seed).render(512).image()), 128).window();
        ModelImage input = ModelInputSampler.sample(
                PhantomImages.pixels(FundusPhantom.fromSeed(seed).render(512).image()), window,
                Task.OPTIC_CUP::normalise);

        PhantomImage training = Task.OPTIC_CUP.render(seed, 256).image();
        float[] expected = new float[3 * 128 * 128];
        for (int c = 0; c < 3; c++) {
            float[] plane = new float[256 * 256];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = Task.OPTIC_CUP.normalise(training.pixels()[i * 3 + c]);
            }
            System.arraycopy(ImageOps.resize(plane, 256, 256, 128, 128), 0, expected, c * 128 * 128, 128 * 128);
        }

        assertThat(correlation(input.pixels(), expected)).isGreaterThan(0.9);
    }

    private static double correlation(float[] a, float[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }
}
