package org.spagateway.spa.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import org.spagateway.spa.model.nn.SpaNetwork;

/**
 * A loaded (or freshly initialised) SPA network with its metadata. Thread-safe for {@link #newPredictor()}; each
 * thread uses its own predictor. Runs on the PyTorch engine, CPU unless a GPU build of the natives is present.
 */
public final class SpaModel implements AutoCloseable {

    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Model model;
    private final SpaNetwork network;
    private final ModelInfo info;
    private final String sha256;

    private SpaModel(Model model, SpaNetwork network, ModelInfo info, String sha256) {
        this.model = model;
        this.network = network;
        this.info = info;
        this.sha256 = sha256;
    }

    /** A new network with parameters initialised from {@code seed} (deterministic) and a random pi_init. */
    public static SpaModel create(String name, String task, SpaConfig config, long seed) {
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        SpaNetwork network = new SpaNetwork(config);
        Model model = Model.newInstance(name, Device.cpu(), "PyTorch");
        model.setBlock(network);
        network.initialize(model.getNDManager(), DataType.FLOAT32, SpaNetwork.inputShapes(config));
        // The paper code's pi_init: a fixed random normalised vector, used only as the first pi-MLP input.
        SplittableRandom random = new SplittableRandom(seed);
        float[] piInit = new float[config.components()];
        float sum = 0;
        for (int i = 0; i < piInit.length; i++) {
            piInit[i] = (float) random.nextDouble();
            sum += piInit[i];
        }
        for (int i = 0; i < piInit.length; i++) {
            piInit[i] /= sum;
        }
        return new SpaModel(model, network, new ModelInfo(name, task, config, piInit, Map.of(), null), "untrained");
    }

    /** Loads {@code <name>.params} and the {@code <name>.json} beside it, on the CPU. */
    public static SpaModel load(Path params) {
        return load(params, Device.cpu());
    }

    /**
     * Loads {@code <name>.params} and the {@code <name>.json} beside it on {@code device}; a GPU needs a CUDA build
     * of libtorch on the class path (DJL's PyTorch engine then reports GPUs).
     */
    public static SpaModel load(Path params, Device device) {
        String file = params.getFileName().toString();
        if (!file.endsWith(".params")) {
            throw new IllegalArgumentException("expected a .params file, got " + params);
        }
        Path metadata = params.resolveSibling(file.substring(0, file.length() - ".params".length()) + ".json");
        try (InputStream paramsIn = Files.newInputStream(params); InputStream infoIn = Files.newInputStream(metadata)) {
            return load(paramsIn, infoIn, device);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load SPA model " + params, e);
        }
    }

    /** Loads weights and metadata from streams (e.g. class-path resources), on the CPU. */
    public static SpaModel load(InputStream params, InputStream metadata) throws IOException {
        return load(params, metadata, Device.cpu());
    }

    /** Loads weights and metadata from streams on {@code device}. */
    public static SpaModel load(InputStream params, InputStream metadata, Device device) throws IOException {
        ModelInfo info = JSON.readValue(metadata, ModelInfo.class);
        byte[] bytes = params.readAllBytes();
        SpaNetwork network = new SpaNetwork(info.config());
        Model model = Model.newInstance(info.name(), device, "PyTorch");
        model.setBlock(network);
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            network.loadParameters(model.getNDManager(), in);
        } catch (MalformedModelException e) {
            model.close();
            throw new IOException("weights do not match the configuration of " + info.name(), e);
        }
        return new SpaModel(model, network, info, sha256(bytes));
    }

    /**
     * Writes {@code <dir>/<name>.params} and {@code <dir>/<name>.json}; returns the weights' SHA-256. Each file is
     * written beside its target and moved over it, so a training run stopped while it saves a checkpoint leaves the
     * previous checkpoint, never a half-written one.
     */
    public String save(Path dir, Map<String, Object> training) {
        requireFiniteParameters();
        try {
            Files.createDirectories(dir);
            Path params = dir.resolve(info.name() + ".params");
            Path paramsPart = dir.resolve(info.name() + ".params.part");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(paramsPart));
                 DataOutputStream data = new DataOutputStream(out)) {
                network.saveParameters(data);
            }
            String sha256;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(paramsPart))) {
                sha256 = sha256(in.readAllBytes());
            }
            ModelInfo withTraining = new ModelInfo(info.name(), info.task(), info.config(), info.piInit(), training,
                    info.inference());
            Path jsonPart = dir.resolve(info.name() + ".json.part");
            JSON.writeValue(jsonPart.toFile(), withTraining);
            Files.move(paramsPart, params, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(jsonPart, dir.resolve(info.name() + ".json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return sha256;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save SPA model to " + dir, e);
        }
    }

    /** Weights holding NaN or an infinity are never written: a checkpoint must not replace good weights with them. */
    private void requireFiniteParameters() {
        for (var parameter : network.getParameters()) {
            try (NDArray magnitude = parameter.getValue().getArray().abs(); NDArray largest = magnitude.max()) {
                if (!Float.isFinite(largest.getFloat())) {
                    throw new IllegalStateException("not saving " + info.name() + ": parameter " + parameter.getKey()
                            + " holds values that are not finite");
                }
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public ModelInfo info() {
        return info;
    }

    public SpaConfig config() {
        return info.config();
    }

    /** SHA-256 of the weights file this model was loaded from ({@code untrained} for a fresh network). */
    public String sha256() {
        return sha256;
    }

    /** Name plus the first 12 hex digits of the weights' SHA-256: what sessions record. */
    public String version() {
        return info.name() + "@" + (sha256.length() >= 12 ? sha256.substring(0, 12) : sha256);
    }

    public float[] initialPi() {
        return info.piInit().clone();
    }

    public SpaNetwork network() {
        return network;
    }

    /** The underlying DJL model (for training). */
    public Model djlModel() {
        return model;
    }

    /**
     * A predictor for one thread, which decodes a round's samples alone and follows this model's recipe
     * ({@link ModelInfo#inference()}); close it when the thread is done.
     */
    public SpaPredictor newPredictor() {
        return newPredictor(1);
    }

    /**
     * A predictor for one thread whose rounds decode their N samples on {@code sampleThreads} threads at once (the
     * calling thread and {@code sampleThreads - 1} of the predictor's own, stopped by its close): on the CPU, with
     * PyTorch's intra-op threads at 1, a round's latency with the tail of few stalls (docs/worker.md, CPU settings).
     */
    public SpaPredictor newPredictor(int sampleThreads) {
        return newPredictor(sampleThreads, info.inference());
    }

    /** {@link #newPredictor(int)} whose rounds follow {@code recipe} instead of the paper's. */
    public SpaPredictor newPredictor(int sampleThreads, InferenceRecipe recipe) {
        return new SpaPredictor(this, sampleThreads, recipe);
    }

    /** PyTorch's intra-op threads in this process ({@code ai.djl.pytorch.num_threads}; the engine's default: cores). */
    public static int intraOpThreads() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }

    @Override
    public void close() {
        model.close();
    }
}
