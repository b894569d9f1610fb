package org.spagateway.benchmarks;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Markdown summary of a throughput run: median instances/s per target and the ratios the goals are stated in. */
final class ThroughputReport {

    private final List<ThroughputSample> samples;

    ThroughputReport(List<ThroughputSample> samples) {
        this.samples = List.copyOf(samples);
    }

    double median(String target) {
        List<Double> rates = samples.stream().filter(s -> s.target().equals(target))
                .map(ThroughputSample::instancesPerSecond).sorted().collect(Collectors.toList());
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("no samples for " + target);
        }
        int middle = rates.size() / 2;
        return rates.size() % 2 == 1 ? rates.get(middle) : (rates.get(middle - 1) + rates.get(middle)) / 2;
    }

    /** The table of every target, then the ratio of each subject to each target that is not a subject. */
    String markdown(List<String> targets, List<String> subjects) {
        StringBuilder out = new StringBuilder();
        out.append("| target | median instances/s | min | max | rounds |\n|---|---|---|---|---|\n");
        for (String target : targets) {
            List<Double> rates = samples.stream().filter(s -> s.target().equals(target))
                    .map(ThroughputSample::instancesPerSecond).toList();
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %d |%n", target, median(target),
                    rates.stream().min(Comparator.naturalOrder()).orElseThrow(),
                    rates.stream().max(Comparator.naturalOrder()).orElseThrow(), rates.size()));
        }
        out.append('\n');
        for (String subject : subjects) {
            for (String target : targets) {
                if (!subjects.contains(target)) {
                    out.append(String.format(Locale.ROOT, "- %s / %s = **%.2fx**%n", subject, target,
                            median(subject) / median(target)));
                }
            }
        }
        return out.toString();
    }
}
