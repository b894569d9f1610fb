package org.spagateway.spa.model.data;

import java.util.Arrays;
import java.util.Optional;
import org.spagateway.spa.model.BinaryMask;
import org.spagateway.spa.model.Click;

/**
 * The usual simulated user of click-based interactive segmentation: click the centre of the largest error region
 * (4-connected component of prediction XOR target; of equally large ones the first in raster order), i.e. its pixel
 * farthest from the region's border (ties: the one nearest the mean of the tied pixels); the click is positive on a
 * missed pixel and negative on a false one.
 */
public final class CorrectiveClicks {

    private CorrectiveClicks() {
    }

    /** The next corrective click, or empty when the prediction equals the target. */
    public static Optional<Click> next(BinaryMask prediction, BinaryMask target) {
        int w = target.width();
        int h = target.height();
        boolean[] p = prediction.pixels();
        boolean[] t = target.pixels();
        boolean[] error = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            error[i] = p[i] != t[i];
        }
        ConnectedComponents components = ConnectedComponents.of(error, w, h);
        return components.largest().map(largest -> {
            int centre = centre(components.mask(largest), w, h);
            return new Click(centre % w, centre / w, t[centre]);
        });
    }

    /** The region's pixel farthest from its border; among the deepest (often a ridge), the one nearest their mean. */
    private static int centre(boolean[] region, int w, int h) {
        int[] distance = distanceToBorder(region, w, h);
        int deepest = Arrays.stream(distance).max().orElseThrow();
        double sumX = 0;
        double sumY = 0;
        int count = 0;
        for (int i = 0; i < region.length; i++) {
            if (region[i] && distance[i] == deepest) {
                sumX += i % w;
                sumY += i / w;
                count++;
            }
        }
        double meanX = sumX / count;
        double meanY = sumY / count;
        int centre = -1;
        double nearest = Double.MAX_VALUE;
        for (int i = 0; i < region.length; i++) {
            if (region[i] && distance[i] == deepest) {
                double d = (i % w - meanX) * (i % w - meanX) + (i / w - meanY) * (i / w - meanY);
                if (d < nearest) {
                    nearest = d;
                    centre = i;
                }
            }
        }
        return centre;
    }

    /**
     * Each region pixel's distance to the region's border (4-connected metric), by breadth-first search from its
     * border pixels; -1 outside the region.
     */
    private static int[] distanceToBorder(boolean[] region, int w, int h) {
        int[] distance = new int[region.length];
        Arrays.fill(distance, -1);
        int[] queue = new int[region.length];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < region.length; i++) {
            if (!region[i]) {
                continue;
            }
            int x = i % w;
            int y = i / w;
            boolean border = x == 0 || y == 0 || x == w - 1 || y == h - 1 || !region[i - 1] || !region[i + 1]
                    || !region[i - w] || !region[i + w];
            if (border) {
                distance[i] = 0;
                queue[tail++] = i;
            }
        }
        while (head < tail) {
            int i = queue[head++];
            int x = i % w;
            int y = i / w;
            int[] neighbours = {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1};
            for (int n : neighbours) {
                if (n >= 0 && region[n] && distance[n] < 0) {
                    distance[n] = distance[i] + 1;
                    queue[tail++] = n;
                }
            }
        }
        return distance;
    }
}
