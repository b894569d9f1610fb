package org.spagateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a gateway's {@code GET /metrics}, over HTTP as Prometheus does it, parsed into samples (the
 * Prometheus text format: {@code name{label="value",...} number}).
 */
record ScrapedMetrics(String contentType, String text, List<Sample> samples) {

    /** A UID (PS3.5 9.1): at least four numeric components, as a study, series or instance UID has. */
    static final Pattern UID_SHAPED = Pattern.compile("\\d+(\\.\\d+){3,}");
    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static ScrapedMetrics scrape(int healthPort, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort
                + "/metrics")).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Sample> samples = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            Matcher matcher = LINE.matcher(line);
            if (line.startsWith("#") || !matcher.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (matcher.group(3) != null) {
                Matcher label = LABEL.matcher(matcher.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4))));
        }
        return new ScrapedMetrics(response.headers().firstValue("Content-Type").orElse(""), response.body(), samples);
    }

    /** The value of the one sample named {@code name} whose labels include {@code labels}; fails if not one. */
    double value(String name, String... labels) {
        List<Sample> found = find(name, labels);
        assertThat(found).as("%s%s in%n%s", name, List.of(labels), text).hasSize(1);
        return found.get(0).value();
    }

    List<Sample> find(String name, String... labels) {
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples) {
            boolean matches = sample.name().equals(name);
            for (int i = 0; matches && i < labels.length; i += 2) {
                matches = labels[i + 1].equals(sample.labels().get(labels[i]));
            }
            if (matches) {
                found.add(sample);
            }
        }
        return found;
    }

    /** Every label value of every sample. */
    List<String> labelValues() {
        return samples.stream().flatMap(sample -> sample.labels().values().stream()).toList();
    }
}
