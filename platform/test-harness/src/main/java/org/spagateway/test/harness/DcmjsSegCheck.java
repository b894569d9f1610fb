package org.spagateway.test.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * dcmjs (the parser behind OHIF's SEG support) on a SEG: runs {@code scripts/dcmjs/check-seg.js} with Node, which
 * parses the SEG and rebuilds its label maps over the source images with dcmjs's Cornerstone adapter, and returns
 * what a viewer would see ({@code segmentationType}, {@code segmentCount}, {@code segments[]} with number, label,
 * description, algorithm type and pixel count). Fails, naming what is missing, where Node or dcmjs is not installed
 * ({@code scripts/setup.sh} installs both).
 */
public final class DcmjsSegCheck {

    private final Path dcmjsDir;

    /** @param dcmjsDir the project's {@code scripts/dcmjs} folder, with its {@code node_modules} installed */
    public DcmjsSegCheck(Path dcmjsDir) {
        this.dcmjsDir = dcmjsDir;
    }

    /**
     * The checker in the folder named by the system property {@code spa.dcmjs.dir} (set by the module's failsafe
     * configuration), or {@code fallback}.
     */
    public static DcmjsSegCheck fromSystemProperty(String fallback) {
        return new DcmjsSegCheck(Path.of(System.getProperty("spa.dcmjs.dir", fallback)));
    }

    /** Throws, saying how to install them, unless Node and dcmjs are there. */
    public void requireInstalled() throws IOException, InterruptedException {
        Process node;
        try {
            node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("node is not installed: scripts/setup.sh installs it (Debian packages nodejs and"
                    + " npm)", e);
        }
        node.getInputStream().readAllBytes();
        if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
            throw new IOException("node --version failed");
        }
        if (!Files.exists(dcmjsDir.resolve("node_modules/dcmjs/package.json"))) {
            throw new IOException("dcmjs is not installed in " + dcmjsDir
                    + "; run `npm ci --prefix scripts/dcmjs` (scripts/setup.sh does)");
        }
    }

    /** What dcmjs makes of {@code seg} over {@code sources}; throws with the script's error when it fails. */
    public JsonNode check(Path seg, Path... sources) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", dcmjsDir.resolve("check-seg.js").toString(),
                seg.toString()));
        for (Path source : sources) {
            command.add(source.toString());
        }
        Process process = new ProcessBuilder(command).start();
        String stdout;
        String stderr;
        try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
            stdout = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            stderr = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("check-seg.js did not finish within 120 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("check-seg.js failed (exit " + process.exitValue() + "): " + stderr.strip());
        }
        return new ObjectMapper().readTree(stdout);
    }
}
