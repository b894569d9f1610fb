package org.spagateway.inference.worker.task;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.spagateway.configuration.ConfigException;
import org.spagateway.inference.worker.WorkerConfig;

/**
 * Turns {@code spa.worker.device} into a DJL device. DJL's PyTorch engine sees GPUs only when a CUDA build of
 * libtorch is on the class path; asking for a GPU without one fails at start-up with the key's name, rather than
 * silently running on the CPU.
 */
public final class InferenceDevice {

    private InferenceDevice() {
    }

    public static Device resolve(String setting) {
        if ("cpu".equals(setting)) {
            return Device.cpu();
        }
        Engine engine = Engine.getEngine("PyTorch");
        if ("auto".equals(setting)) {
            return engine.defaultDevice();
        }
        int index = setting.startsWith("gpu:") ? Integer.parseInt(setting.substring(4)) : 0;
        int gpus = engine.getGpuCount();
        if (index >= gpus) {
            throw new ConfigException(WorkerConfig.DEVICE, "'" + setting + "' asks for GPU " + index + " but the "
                    + "PyTorch engine sees " + gpus + " GPU(s): a CUDA build of libtorch must be on the class path");
        }
        return Device.gpu(index);
    }
}
