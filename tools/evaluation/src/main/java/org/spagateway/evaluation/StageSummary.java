package org.spagateway.evaluation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.spagateway.spa.model.RoundTimings;

/** Percentiles of each stage of a round ({@link RoundTimings}) over many rounds, to the microsecond. */
final class StageSummary {

    private final Map<String, ToLongFunction<RoundTimings>> stages = new LinkedHashMap<>();
    private final Map<String, LatencySummary> summaries = new LinkedHashMap<>();

    StageSummary() {
        stages.put("encoder", RoundTimings::encoder);
        stages.put("prompt", RoundTimings::prompt);
        stages.put("fusion", RoundTimings::fusion);
        stages.put("decoder", RoundTimings::decoder);
        stages.put("K-means", RoundTimings::kmeans);
        stages.put("analysis", RoundTimings::analysis);
        stages.keySet().forEach(name -> summaries.put(name, new LatencySummary(TimeUnit.MICROSECONDS)));
    }

    void record(RoundTimings timings) {
        stages.forEach((name, stage) -> summaries.get(name).record(Duration.ofNanos(stage.applyAsLong(timings))));
    }

    /** "encoder 0.1 / 0.2, prompt ..." (p50 / p95 in ms). */
    String describe() {
        return summaries.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f / %.1f", e.getKey(), e.getValue().percentile(50) / 1e3,
                        e.getValue().percentile(95) / 1e3))
                .collect(Collectors.joining(", "));
    }
}
