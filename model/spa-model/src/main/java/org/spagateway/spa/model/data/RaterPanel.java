package org.spagateway.spa.model.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The simulated raters of one task, read from a JSON file (format documented in {@code MODEL.md}):
 *
 * <pre>{@code
 * {"task": "optic-cup", "description": "...",
 *  "raters": [{"id": "cup-R1", "description": "...", "threshold": 0.75, "smoothingSigma": 0.5,
 *              "biasPixels": -1.0, "thresholdJitter": 0.03, "boundaryNoise": 0.05, "noiseWavelength": 24}, ...]}
 * }</pre>
 *
 * Unknown fields are rejected, so a typo cannot silently fall back to a default.
 */
public record RaterPanel(@JsonProperty(required = true) String task,
                         String description,
                         @JsonProperty(required = true) List<RaterStyle> raters) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public RaterPanel {
        Objects.requireNonNull(task, "task");
        description = description == null ? "" : description;
        raters = List.copyOf(Objects.requireNonNull(raters, "raters"));
        if (raters.isEmpty()) {
            throw new IllegalArgumentException("a rater panel needs at least one rater");
        }
        var ids = new HashSet<String>();
        for (RaterStyle r : raters) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("duplicate rater id " + r.id());
            }
        }
        Task.fromId(task);
    }

    public Task taskKind() {
        return Task.fromId(task);
    }

    public int size() {
        return raters.size();
    }

    /** The same task and raters, in order (ids and styles); descriptions do not count. */
    public boolean sameRaters(RaterPanel other) {
        if (!task.equals(other.task) || size() != other.size()) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            if (!raters.get(i).sameStyle(other.raters.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** A panel restricted to the raters at the given indices (e.g. to hold raters out of training). */
    public RaterPanel subset(List<Integer> indices) {
        return new RaterPanel(task, description, indices.stream().map(raters::get).toList());
    }

    public static RaterPanel read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rater panel " + file, e);
        }
    }

    public static RaterPanel read(InputStream in) throws IOException {
        try {
            return JSON.readValue(in, RaterPanel.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw e;
        }
    }

    /** The four default raters shipped for a task (resource {@code raters-<task>.json}). */
    public static RaterPanel defaults(Task task) {
        String resource = "raters-" + task.id() + ".json";
        try (InputStream in = RaterPanel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
