package org.spagateway.spa.model.data;

/** Small image operations on row-major float planes (plain Java: they run once per generated sample). */
public final class ImageOps {

    private ImageOps() {
    }

    /**
     * Resizes one plane. An integer down-scaling factor averages whole blocks (the right thing for inclusion
     * probabilities and for anti-aliasing); anything else is bilinear with pixel centres aligned.
     */
    public static float[] resize(float[] plane, int width, int height, int newWidth, int newHeight) {
        if (width == newWidth && height == newHeight) {
            return plane.clone();
        }
        if (width % newWidth == 0 && height % newHeight == 0 && width / newWidth == height / newHeight) {
            return blockAverage(plane, width, newWidth, newHeight, width / newWidth);
        }
        float[] out = new float[newWidth * newHeight];
        double sx = (double) width / newWidth;
        double sy = (double) height / newHeight;
        for (int y = 0; y < newHeight; y++) {
            double fy = Math.max(0, Math.min(height - 1, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(height - 1, y0 + 1);
            double wy = fy - y0;
            for (int x = 0; x < newWidth; x++) {
                double fx = Math.max(0, Math.min(width - 1, (x + 0.5) * sx - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(width - 1, x0 + 1);
                double wx = fx - x0;
                double top = plane[y0 * width + x0] * (1 - wx) + plane[y0 * width + x1] * wx;
                double bottom = plane[y1 * width + x0] * (1 - wx) + plane[y1 * width + x1] * wx;
                out[y * newWidth + x] = (float) (top * (1 - wy) + bottom * wy);
            }
        }
        return out;
    }

    private static float[] blockAverage(float[] plane, int width, int newWidth, int newHeight, int factor) {
        float[] out = new float[newWidth * newHeight];
        float norm = 1f / (factor * factor);
        for (int y = 0; y < newHeight; y++) {
            for (int x = 0; x < newWidth; x++) {
                float sum = 0;
                for (int dy = 0; dy < factor; dy++) {
                    int row = (y * factor + dy) * width + x * factor;
                    for (int dx = 0; dx < factor; dx++) {
                        sum += plane[row + dx];
                    }
                }
                out[y * newWidth + x] = sum * norm;
            }
        }
        return out;
    }

    /** Separable Gaussian blur with clamped edges; sigma in pixels (0 returns a copy). */
    public static float[] gaussianBlur(float[] plane, int width, int height, double sigma) {
        if (sigma <= 0) {
            return plane.clone();
        }
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        float[] tmp = new float[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int xx = Math.max(0, Math.min(width - 1, x + k));
                    acc += kernel[k + radius] * plane[y * width + xx];
                }
                tmp[y * width + x] = acc;
            }
        }
        float[] out = new float[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int yy = Math.max(0, Math.min(height - 1, y + k));
                    acc += kernel[k + radius] * tmp[yy * width + x];
                }
                out[y * width + x] = acc;
            }
        }
        return out;
    }

    /**
     * Grows (positive {@code pixels}) or shrinks (negative) a binary mask by a Euclidean disk of that radius:
     * dilation sets every pixel within the radius of the mask; erosion clears every pixel within the radius of the
     * background. A fractional radius is honoured through the disk (e.g. 1.5 includes diagonal neighbours).
     */
    public static boolean[] morph(boolean[] mask, int width, int height, double pixels) {
        if (pixels == 0) {
            return mask.clone();
        }
        boolean grow = pixels > 0;
        double r = Math.abs(pixels);
        int reach = (int) Math.floor(r);
        double r2 = r * r;
        boolean[] out = new boolean[mask.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean hit = false;
                for (int dy = -reach; dy <= reach && !hit; dy++) {
                    int yy = y + dy;
                    for (int dx = -reach; dx <= reach; dx++) {
                        if (dx * dx + dy * dy > r2) {
                            continue;
                        }
                        int xx = x + dx;
                        boolean inside = yy >= 0 && yy < height && xx >= 0 && xx < width && mask[yy * width + xx];
                        if (grow ? inside : !inside) {
                            hit = true;
                            break;
                        }
                    }
                }
                out[y * width + x] = grow == hit;
            }
        }
        return out;
    }

    /**
     * A smooth random field with values roughly in [-1, 1]: a sum of eight random plane waves of the given
     * wavelength (pixels), deterministic in the seed.
     */
    public static float[] smoothNoise(int width, int height, double wavelength, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int waves = 8;
        double[] kx = new double[waves];
        double[] ky = new double[waves];
        double[] phase = new double[waves];
        for (int i = 0; i < waves; i++) {
            double angle = random.nextDouble(0, 2 * Math.PI);
            double k = 2 * Math.PI / (wavelength * random.nextDouble(0.7, 1.4));
            kx[i] = k * Math.cos(angle);
            ky[i] = k * Math.sin(angle);
            phase[i] = random.nextDouble(0, 2 * Math.PI);
        }
        float[] out = new float[width * height];
        double norm = Math.sqrt(2.0 / waves);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = 0;
                for (int i = 0; i < waves; i++) {
                    v += Math.cos(kx[i] * x + ky[i] * y + phase[i]);
                }
                out[y * width + x] = (float) (v * norm);
            }
        }
        return out;
    }
}
