package org.spagateway.inference.worker.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.spagateway.spa.model.ModelImage;
import org.spagateway.inference.worker.prep.CropWindow;

class PreparedImageCacheTest {

    private static PreparedImage image() {
        return new PreparedImage(new ModelImage(1, 2, new float[4]), new CropWindow(10, 10, 8, 2), 20, 20);
    }

    @Test
    void theLeastRecentlyUsedSessionIsDroppedFirst() {
        PreparedImageCache cache = new PreparedImageCache(2);
        cache.put("a", image());
        cache.put("b", image());
        cache.get("a");

        cache.put("c", image());

        assertThat(cache.get("a")).isPresent();
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("c")).isPresent();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void aCacheOfSizeZeroKeepsNothing() {
        PreparedImageCache cache = new PreparedImageCache(0);
        cache.put("a", image());
        assertThat(cache.get("a")).isEmpty();
    }
}
