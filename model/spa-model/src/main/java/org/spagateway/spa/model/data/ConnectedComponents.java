package org.spagateway.spa.model.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The 4-connected components of a binary mask on a row-major pixel grid (pixel (x, y) at {@code y * width + x}):
 * pixels sharing an edge belong together, pixels touching only at a corner do not. Components are labelled 1, 2, ...
 * in raster order of their first pixel; background is 0. Immutable.
 */
public final class ConnectedComponents {

    /**
     * One component.
     *
     * @param label the component's label (1-based, raster order of its first pixel)
     * @param size  its pixel count
     * @param minX  the leftmost column of its bounding box (inclusive; likewise the other three bounds)
     * @param sumX  the sum of its pixels' columns (exact, so a centroid does not depend on the visiting order)
     * @param sumY  the sum of its pixels' rows
     */
    public record Component(int label, int size, int minX, int minY, int maxX, int maxY, long sumX, long sumY) {

        /** Mean column of the pixel centres (x + 0.5). */
        public double centreX() {
            return (sumX + 0.5 * size) / size;
        }

        /** Mean row of the pixel centres (y + 0.5). */
        public double centreY() {
            return (sumY + 0.5 * size) / size;
        }
    }

    private final int width;
    private final int height;
    private final int[] labels;
    private final List<Component> components;

    private ConnectedComponents(int width, int height, int[] labels, List<Component> components) {
        this.width = width;
        this.height = height;
        this.labels = labels;
        this.components = List.copyOf(components);
    }

    /** Labels the set pixels of {@code mask}, a {@code width} x {@code height} grid. */
    public static ConnectedComponents of(boolean[] mask, int width, int height) {
        if (width <= 0 || height <= 0 || mask.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " grid needs " + width * height
                    + " pixels, got " + mask.length);
        }
        int[] labels = new int[mask.length];
        List<Component> components = new ArrayList<>();
        int[] pending = new int[mask.length];
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || labels[start] != 0) {
                continue;
            }
            int label = components.size() + 1;
            int size = 0;
            int minX = width;
            int minY = height;
            int maxX = -1;
            int maxY = -1;
            long sumX = 0;
            long sumY = 0;
            int top = 0;
            labels[start] = label;
            pending[top++] = start;
            while (top > 0) {
                int i = pending[--top];
                int x = i % width;
                int y = i / width;
                size++;
                sumX += x;
                sumY += y;
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
                int[] neighbours = {x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, y > 0 ? i - width : -1,
                    y < height - 1 ? i + width : -1};
                for (int n : neighbours) {
                    if (n >= 0 && mask[n] && labels[n] == 0) {
                        labels[n] = label;
                        pending[top++] = n;
                    }
                }
            }
            components.add(new Component(label, size, minX, minY, maxX, maxY, sumX, sumY));
        }
        return new ConnectedComponents(width, height, labels, components);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The components in label order. */
    public List<Component> components() {
        return components;
    }

    /** The label of the pixel at {@code index} ({@code y * width + x}), 0 for background. */
    public int labelAt(int index) {
        return labels[index];
    }

    /** The component with the most pixels; of equally large ones the first labelled. Empty for an empty mask. */
    public Optional<Component> largest() {
        Component largest = null;
        for (Component component : components) {
            if (largest == null || component.size() > largest.size()) {
                largest = component;
            }
        }
        return Optional.ofNullable(largest);
    }

    /** Whether the component has a pixel in the first or last row or column. */
    public boolean touchesBorder(Component component) {
        return component.minX() == 0 || component.minY() == 0 || component.maxX() == width - 1
                || component.maxY() == height - 1;
    }

    /** The component's pixels as a mask of the whole grid. */
    public boolean[] mask(Component component) {
        boolean[] mask = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            mask[i] = labels[i] == component.label();
        }
        return mask;
    }
}
