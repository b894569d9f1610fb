package org.spagateway.spa.model.data;

import java.util.ArrayDeque;
import java.util.Optional;
import org.spagateway.spa.model.BinaryMask;
import org.spagateway.spa.model.Click;

/**
 * The usual simulated user of click-based interactive segmentation: click the centre of the largest error region
 * (4-connected component of prediction XOR target), i.e. its pixel farthest from the region's border (ties: the
 * one nearest the mean of the tied pixels); the click is positive on a missed pixel and negative on a false one.
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
        int[] label = new int[p.length];
        int best = 0;
        int bestSize = 0;
        int next = 1;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < p.length; start++) {
            if (!error[start] || label[start] != 0) {
                continue;
            }
            int size = 0;
            label[start] = next;
            queue.add(start);
            while (!queue.isEmpty()) {
                int i = queue.poll();
                size++;
                int x = i % w;
                int y = i / w;
                int[] neighbours = {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1};
                for (int n : neighbours) {
                    if (n >= 0 && error[n] && label[n] == 0) {
                        label[n] = next;
                        queue.add(n);
                    }
                }
            }
            if (size > bestSize) {
                bestSize = size;
                best = next;
            }
            next++;
        }
        if (bestSize == 0) {
            return Optional.empty();
        }
        // Distance to the region's border by breadth-first search from its border pixels (4-connected metric).
        int[] distance = new int[p.length];
        java.util.Arrays.fill(distance, -1);
        for (int i = 0; i < p.length; i++) {
            if (label[i] != best) {
                continue;
            }
            int x = i % w;
            int y = i / w;
            boolean border = x == 0 || y == 0 || x == w - 1 || y == h - 1 || label[i - 1] != best
                    || label[i + 1] != best || label[i - w] != best || label[i + w] != best;
            if (border) {
                distance[i] = 0;
                queue.add(i);
            }
        }
        int deepest = 0;
        while (!queue.isEmpty()) {
            int i = queue.poll();
            deepest = Math.max(deepest, distance[i]);
            int x = i % w;
            int y = i / w;
            int[] neighbours = {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1};
            for (int n : neighbours) {
                if (n >= 0 && label[n] == best && distance[n] < 0) {
                    distance[n] = distance[i] + 1;
                    queue.add(n);
                }
            }
        }
        // Among the deepest pixels (often a ridge), the one nearest their mean position.
        double sumX = 0;
        double sumY = 0;
        int count = 0;
        for (int i = 0; i < p.length; i++) {
            if (label[i] == best && distance[i] == deepest) {
                sumX += i % w;
                sumY += i / w;
                count++;
            }
        }
        double meanX = sumX / count;
        double meanY = sumY / count;
        int centre = -1;
        double nearest = Double.MAX_VALUE;
        for (int i = 0; i < p.length; i++) {
            if (label[i] == best && distance[i] == deepest) {
                double d = (i % w - meanX) * (i % w - meanX) + (i / w - meanY) * (i / w - meanY);
                if (d < nearest) {
                    nearest = d;
                    centre = i;
                }
            }
        }
        return Optional.of(new Click(centre % w, centre / w, t[centre]));
    }
}
