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
