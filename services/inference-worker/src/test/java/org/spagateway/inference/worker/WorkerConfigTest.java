package org.spagateway.inference.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.inference.worker.task.InferenceDevice;

class WorkerConfigTest {

    @TempDir
    Path directory;

    @Test
    void aMissingModelStopsStartUpNamingTheKey() {
        ConfigSource source = ConfigSource.of(Map.of(WorkerConfig.MODEL_PREFIX + "fundus-optic-cup",
                directory.resolve("absent.params").toString()));

        assertThatThrownBy(() -> WorkerConfig.from(source))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.worker.model.fundus-optic-cup")
                .hasMessageContaining("absent.params is missing");
    }

    @Test
    void aDisabledWorkerDoesNotNeedItsModel() {
        WorkerConfig config = WorkerConfig.from(ConfigSource.of(Map.of(WorkerConfig.ENABLED, "false",
                WorkerConfig.MODEL_PREFIX + "fundus-optic-cup", directory.resolve("absent.params").toString())));

        assertThat(config.enabled()).isFalse();
    }

    @Test
    void readsEveryOptionWithSafeDefaults() throws Exception {
        Path params = Files.createFile(directory.resolve("m.params"));
        Files.createFile(directory.resolve("m.json"));
        WorkerConfig config = WorkerConfig.from(ConfigSource.of(Map.of(
                WorkerConfig.MODEL_PREFIX + "fundus-optic-cup", params.toString(),
                WorkerConfig.MODEL_PREFIX + "ct-lung-nodule", "",
                WorkerConfig.THREADS, "2")));

        assertThat(config.models()).containsOnly(Map.entry("fundus-optic-cup", params));
        assertThat(config.threads()).isEqualTo(2);
        assertThat(config.sampleThreads()).isEqualTo(WorkerConfig.AUTO_SAMPLE_THREADS);
        assertThat(config.queueCapacity()).isEqualTo(4);
        assertThat(config.consumerGroup()).isEqualTo("spa-inference-worker");
        assertThat(config.device()).isEqualTo("cpu");
        assertThat(config.outputRoot()).isEqualTo(Path.of("data/results"));
        assertThat(config.imageCacheSize()).isEqualTo(64);
        assertThat(config.profileCatchUp()).isEqualTo(java.time.Duration.ofSeconds(10));
    }

    @Test
    void theImageCacheCanBeTurnedOffButNotMadeNegative() {
        assertThat(WorkerConfig.from(ConfigSource.of(Map.of(WorkerConfig.ENABLED, "false",
                WorkerConfig.IMAGE_CACHE_SIZE, "0"))).imageCacheSize()).isZero();
        assertThatThrownBy(() -> WorkerConfig.from(ConfigSource.of(Map.of(WorkerConfig.ENABLED, "false",
                WorkerConfig.IMAGE_CACHE_SIZE, "-1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.worker.image-cache-size");
    }

    @Test
    void theNoduleModelIsRequiredUnlessItsKeyIsEmpty() throws Exception {
        Path params = Files.createFile(directory.resolve("m.params"));
        Files.createFile(directory.resolve("m.json"));
        assertThatThrownBy(() -> WorkerConfig.from(ConfigSource.of(Map.of(
                WorkerConfig.MODEL_PREFIX + "fundus-optic-cup", params.toString(),
                WorkerConfig.MODEL_PREFIX + "ct-lung-nodule", directory.resolve("none.params").toString()))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.worker.model.ct-lung-nodule");
    }

    @Test
    void rejectsTasksWithoutWorkerSupportAndMalformedDevices() {
        assertThatThrownBy(() -> WorkerConfig.from(ConfigSource.of(Map.of(WorkerConfig.ENABLED, "false",
                WorkerConfig.MODEL_PREFIX + "mr-brain", "x.params"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.worker.model.mr-brain");
        assertThatThrownBy(() -> WorkerConfig.from(ConfigSource.of(Map.of(WorkerConfig.ENABLED, "false",
                WorkerConfig.DEVICE, "tpu"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spa.worker.device");
    }

    @Test
    void autoSampleThreadsTakeTheCoresLeftByTheWorkerAndIntraOpThreadsUpToTwo() {
        WorkerConfig one = disabled(Map.of());
        assertThat(one.sampleThreadsFor(2, 1)).as("2 cores, 1 worker thread, 1 intra-op thread").isEqualTo(2);
        assertThat(one.sampleThreadsFor(2, 2)).as("the intra-op threads take both cores").isEqualTo(1);
        assertThat(one.sampleThreadsFor(1, 1)).isEqualTo(1);
        assertThat(one.sampleThreadsFor(16, 1)).as("at most two per round").isEqualTo(2);
        WorkerConfig two = disabled(Map.of(WorkerConfig.THREADS, "2"));
        assertThat(two.sampleThreadsFor(2, 1)).as("one core per worker thread").isEqualTo(1);
        assertThat(two.sampleThreadsFor(4, 1)).isEqualTo(2);
        assertThat(disabled(Map.of(WorkerConfig.DEVICE, "gpu")).sampleThreadsFor(16, 1)).isEqualTo(1);
        assertThat(disabled(Map.of(WorkerConfig.DEVICE, "auto")).sampleThreadsFor(16, 1)).isEqualTo(1);
    }

    @Test
    void configuredSampleThreadsAreTakenAsTheyAreAndNonsenseNamesTheKey() {
        assertThat(disabled(Map.of(WorkerConfig.SAMPLE_THREADS, "3")).sampleThreadsFor(2, 2)).isEqualTo(3);
        assertThat(disabled(Map.of(WorkerConfig.SAMPLE_THREADS, " AUTO ")).sampleThreads())
                .isEqualTo(WorkerConfig.AUTO_SAMPLE_THREADS);
        assertThat(disabled(Map.of(WorkerConfig.SAMPLE_THREADS, "")).sampleThreads())
                .isEqualTo(WorkerConfig.AUTO_SAMPLE_THREADS);
        for (String value : new String[] {"0", "65", "two", "-1"}) {
            assertThatThrownBy(() -> disabled(Map.of(WorkerConfig.SAMPLE_THREADS, value)))
                    .as(value).isInstanceOf(ConfigException.class).hasMessageContaining("spa.worker.sample-threads");
        }
    }

    private static WorkerConfig disabled(Map<String, String> options) {
        Map<String, String> all = new java.util.HashMap<>(options);
        all.put(WorkerConfig.ENABLED, "false");
        return WorkerConfig.from(ConfigSource.of(all));
    }

    @Test
    void acceptsGpuAndAutoDevices() {
        for (String device : new String[] {"gpu", "gpu:1", "auto"}) {
            assertThat(WorkerConfig.from(ConfigSource.of(Map.of(WorkerConfig.ENABLED, "false",
                    WorkerConfig.DEVICE, device))).device()).isEqualTo(device);
        }
    }

    @Test
    void aGpuWithoutACudaBuildOfLibtorchFailsAtStartUpNamingTheKey() {
        // The PyTorch natives on this class path are the CPU build: the engine sees no GPU.
        assertThatThrownBy(() -> InferenceDevice.resolve("gpu"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("spa.worker.device").hasMessageContaining("CUDA build of libtorch");
        assertThat(InferenceDevice.resolve("auto")).isEqualTo(ai.djl.Device.cpu());
    }
}
