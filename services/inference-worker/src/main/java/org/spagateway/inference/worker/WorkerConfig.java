package org.spagateway.inference.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spagateway.configuration.ConfigException;
import org.spagateway.configuration.ConfigOption;
import org.spagateway.configuration.ConfigSource;
import org.spagateway.inference.worker.sources.SourceFetchConfig;
import org.spagateway.retry.RetrySchedule;

/**
 * The inference worker's {@code spa.worker.*} section. Validated at start-up: a configured model that is missing
 * fails with the key's name before any consumer joins the group.
 *
 * @param enabled          whether the worker runs (the all-in-one launcher reads this)
 * @param models           SPA task id to the model's {@code .params} file (its {@code .json} metadata beside it)
 * @param outputRoot       where this worker writes its own copy of its SEG files (nobody else's input)
 * @param threads          worker threads, each with its own predictor per model
 * @param sampleThreads    threads that decode an interactive round's N samples together (each worker thread's
 *                         own, itself included), or {@link #AUTO_SAMPLE_THREADS}: see {@link #sampleThreadsFor}
 * @param queueCapacity    requests taken from Kafka but not yet started; the new-study consumer pauses above it
 * @param consumerGroup    consumer group of the worker on the request topics
 * @param device           {@code cpu}, {@code gpu} (the first GPU), {@code gpu:N}, or {@code auto} (DJL's default:
 *                         a GPU when the PyTorch engine finds one, else the CPU)
 * @param attempts         tries of one request on an engine failure before it is dead-lettered (storage failures
 *                         are retried without limit)
 * @param retryBackoff     first pause between tries (doubled each try up to a minute, with jitter)
 * @param imageCacheSize   sessions whose prepared model input stays in memory for their next round
 * @param profileCatchUp   how long start-up waits for the preference profiles to be read before serving requests
 */
public record WorkerConfig(boolean enabled, Map<String, Path> models, Path outputRoot, int threads,
                           int sampleThreads, int queueCapacity, String consumerGroup, String device, int attempts,
                           Duration retryBackoff, int imageCacheSize, Duration profileCatchUp) {

    public static final String PREFIX = "spa.worker.";
    public static final String ENABLED = PREFIX + "enabled";
    public static final String MODEL_PREFIX = PREFIX + "model.";
    public static final String OUTPUT_ROOT = PREFIX + "output-root";
    public static final String THREADS = PREFIX + "threads";
    public static final String SAMPLE_THREADS = PREFIX + "sample-threads";
    /** {@link #sampleThreads} when configured {@code auto}. */
    public static final int AUTO_SAMPLE_THREADS = 0;
    /**
     * The most sample threads {@code auto} gives a round: two threads per round is what the worker's settings were
     * measured with (docs/benchmarks.md); K-means and the analysis after the decoder run on one of them.
     */
    static final int MAX_AUTO_SAMPLE_THREADS = 2;
    public static final String QUEUE_CAPACITY = PREFIX + "queue-capacity";
    public static final String CONSUMER_GROUP = PREFIX + "consumer-group";
    public static final String DEVICE = PREFIX + "device";
    public static final String ATTEMPTS = PREFIX + "attempts";
    public static final String RETRY_BACKOFF = PREFIX + "retry-backoff";
    public static final String IMAGE_CACHE_SIZE = PREFIX + "image-cache-size";
    public static final String PROFILE_CATCH_UP = PREFIX + "profile-catch-up";

    /** Task ids with a worker implementation (localisation, crop and coded segment properties). */
    public static final String FUNDUS_OPTIC_CUP = "fundus-optic-cup";
    public static final String DEFAULT_FUNDUS_MODEL = "models/spa-optic-cup.params";
    public static final String CT_LUNG_NODULE = "ct-lung-nodule";
    public static final String DEFAULT_NODULE_MODEL = "models/spa-nodule.params";
    public static final String DEFAULT_OUTPUT_ROOT = "data/results";
    public static final String DEFAULT_CONSUMER_GROUP = "spa-inference-worker";
    private static final Duration MAX_REQUEST_RETRY_WAIT = Duration.ofMinutes(1);
    private static final Duration MAX_PUBLISH_RETRY_WAIT = Duration.ofSeconds(30);

    public static final List<ConfigOption> OPTIONS = options(
            new ConfigOption(ENABLED, "true", "Whether the all-in-one launcher starts the inference worker."),
            new ConfigOption(MODEL_PREFIX + FUNDUS_OPTIC_CUP, DEFAULT_FUNDUS_MODEL,
                    "SPA model (.params, with its .json beside it) for task fundus-optic-cup; relative paths"
                            + " resolve against the working directory; a missing file stops start-up."),
            new ConfigOption(MODEL_PREFIX + CT_LUNG_NODULE, DEFAULT_NODULE_MODEL,
                    "SPA model for task ct-lung-nodule; empty = the task is not served (its requests are"
                            + " dead-lettered with TASK_NOT_SERVED); a missing file stops start-up."),
            new ConfigOption(OUTPUT_ROOT, DEFAULT_OUTPUT_ROOT,
                    "This worker's own copy of the SEG files it writes (<root>/<study UID>/<session id>/), for"
                            + " operators; never shared, read by no other service (SEGs and round states are in the"
                            + " session ledger's database)."),
            new ConfigOption(THREADS, "1",
                    "Worker threads, each with its own DJL Predictor per model (a Predictor is not thread-safe)."),
            new ConfigOption(SAMPLE_THREADS, "auto",
                    "Threads that decode an interactive round's N samples together, each a share of them (the"
                            + " worker thread and sample-threads - 1 of its own; a new study's round decodes on the"
                            + " worker thread alone), 1-64; auto: on the CPU cores / (worker threads x PyTorch"
                            + " intra-op threads), from 1 to 2; 1 on a GPU or device auto (docs/worker.md, CPU"
                            + " settings)."),
            new ConfigOption(QUEUE_CAPACITY, "4",
                    "Requests accepted but not started; above it the new-study consumer pauses (interactive"
                            + " requests still enter and are served first)."),
            new ConfigOption(CONSUMER_GROUP, DEFAULT_CONSUMER_GROUP,
                    "Kafka consumer group of the workers on spa.inference.requested and spa.inference.interactive."),
            new ConfigOption(DEVICE, "cpu",
                    "Inference device: cpu, gpu, gpu:N or auto (a GPU when DJL's PyTorch engine finds one, else the"
                            + " CPU). A GPU needs a CUDA build of libtorch on the class path (see docs/worker.md)."),
            new ConfigOption(ATTEMPTS, "3",
                    "Tries of a request the engine fails on before it is dead-lettered (INFERENCE_FAILED). A request"
                            + " whose storage fails (disk full, file system stalled) is retried without limit."),
            new ConfigOption(RETRY_BACKOFF, "1s",
                    "First pause between tries, doubled after each up to a minute, each pause between half and all"
                            + " of that (jitter); also the first pause while publishing results fails (Kafka down),"
                            + " retried without limit, doubling up to 30 s."),
            new ConfigOption(IMAGE_CACHE_SIZE, "64",
                    "Sessions whose prepared model input (the cropped, normalised source, about 200 KB each) is kept"
                            + " in memory, least recently used dropped first, so a clinician's next round does not"
                            + " read and localise the DICOM source again; 0 turns the cache off."),
            new ConfigOption(PROFILE_CATCH_UP, "10s",
                    "How long start-up waits for the preference profiles on spa.profile.updated to be read before"
                            + " the worker takes requests (it starts anyway after that, and keeps reading)."));

    /** The worker's own options, then those of fetching sources from the edge ({@link SourceFetchConfig}). */
    private static List<ConfigOption> options(ConfigOption... own) {
        List<ConfigOption> all = new ArrayList<>(List.of(own));
        all.addAll(SourceFetchConfig.OPTIONS);
        return List.copyOf(all);
    }

    public WorkerConfig {
        models = Map.copyOf(models);
        Objects.requireNonNull(outputRoot, "outputRoot");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(profileCatchUp, "profileCatchUp");
    }

    /** The tries of one request after a transient failure: {@link #attempts()}, doubling up to a minute. */
    public RetrySchedule requestRetry() {
        return new RetrySchedule(attempts, retryBackoff, max(retryBackoff, MAX_REQUEST_RETRY_WAIT));
    }

    /**
     * The tries of one request while the storage it needs fails (session store, source images): without limit,
     * doubling up to a minute, so a full disk or a stalled file system delays rounds and loses none.
     */
    public RetrySchedule storageRetry() {
        return RetrySchedule.unbounded(retryBackoff, max(retryBackoff, MAX_REQUEST_RETRY_WAIT));
    }

    /** Publishing a request's results while Kafka does not acknowledge: without limit, doubling up to 30 s. */
    public RetrySchedule publishRetry() {
        return RetrySchedule.unbounded(retryBackoff, max(retryBackoff, MAX_PUBLISH_RETRY_WAIT));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public static WorkerConfig from(ConfigSource config) {
        boolean enabled = config.bool(ENABLED, true);
        Map<String, Path> models = new LinkedHashMap<>();
        Map<String, String> defaults = Map.of(FUNDUS_OPTIC_CUP, DEFAULT_FUNDUS_MODEL,
                CT_LUNG_NODULE, DEFAULT_NODULE_MODEL);
        for (String task : config.namesUnder(MODEL_PREFIX)) {
            if (!defaults.containsKey(task)) {
                throw new ConfigException(MODEL_PREFIX + task, "no worker support for task '" + task
                        + "' (supported: " + FUNDUS_OPTIC_CUP + ", " + CT_LUNG_NODULE + ")");
            }
        }
        for (String task : List.of(FUNDUS_OPTIC_CUP, CT_LUNG_NODULE)) {
            String path = config.string(MODEL_PREFIX + task, defaults.get(task));
            if (!path.isBlank()) {
                models.put(task, Path.of(path));
            }
        }
        if (enabled) {
            models.forEach((task, path) -> requireModel(MODEL_PREFIX + task, path));
        }
        String device = config.string(DEVICE, "cpu");
        if (!device.matches("cpu|auto|gpu(:\\d{1,2})?")) {
            throw new ConfigException(DEVICE, "'" + device + "' is not cpu, gpu, gpu:N or auto");
        }
        return new WorkerConfig(enabled, models, config.path(OUTPUT_ROOT, DEFAULT_OUTPUT_ROOT),
                config.integer(THREADS, 1, 1, 64), sampleThreads(config),
                config.integer(QUEUE_CAPACITY, 4, 1, 10_000),
                config.string(CONSUMER_GROUP, DEFAULT_CONSUMER_GROUP), device, config.integer(ATTEMPTS, 3, 1, 100),
                config.duration(RETRY_BACKOFF, Duration.ofSeconds(1)), config.integer(IMAGE_CACHE_SIZE, 64, 0, 10_000),
                config.duration(PROFILE_CATCH_UP, Duration.ofSeconds(10)));
    }

    /**
     * The sample threads of each worker thread's predictors on a machine of {@code cores} with PyTorch's
     * {@code intraOpThreads}: as configured, or for {@code auto} on the CPU {@code cores / (threads x intraOpThreads)}
     * from 1 to {@link #MAX_AUTO_SAMPLE_THREADS}, so worker threads x sample threads x intra-op threads stay within the
     * cores; 1 on a GPU or where the device may be one.
     */
    public int sampleThreadsFor(int cores, int intraOpThreads) {
        if (sampleThreads != AUTO_SAMPLE_THREADS) {
            return sampleThreads;
        }
        if (!"cpu".equals(device)) {
            return 1;
        }
        int free = cores / (threads * Math.max(1, intraOpThreads));
        return Math.max(1, Math.min(MAX_AUTO_SAMPLE_THREADS, free));
    }

    private static int sampleThreads(ConfigSource config) {
        String value = config.string(SAMPLE_THREADS, "auto").trim();
        if (value.isEmpty() || "auto".equalsIgnoreCase(value)) {
            return AUTO_SAMPLE_THREADS;
        }
        if (!value.matches("\\d{1,9}")) {
            throw new ConfigException(SAMPLE_THREADS, "'" + value + "' is neither auto nor a positive number of"
                    + " threads");
        }
        return config.integer(SAMPLE_THREADS, 1, 1, 64);
    }

    private static void requireModel(String key, Path params) {
        if (!params.getFileName().toString().endsWith(".params")) {
            throw new ConfigException(key, "expected a .params file, got " + params);
        }
        if (!Files.isReadable(params)) {
            throw new ConfigException(key, "model " + params.toAbsolutePath() + " is missing; train it"
                    + " (spa-model's spa-train) or point " + key + " at an existing .params file");
        }
        String name = params.getFileName().toString().replaceFirst("\\.params$", ".json");
        if (!Files.isReadable(params.resolveSibling(name))) {
            throw new ConfigException(key, "model metadata " + params.resolveSibling(name).toAbsolutePath()
                    + " is missing beside " + params.getFileName());
        }
    }
}
