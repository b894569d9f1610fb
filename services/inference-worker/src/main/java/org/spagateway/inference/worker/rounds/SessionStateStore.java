package org.spagateway.inference.worker.rounds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;
import java.util.UUID;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.spagateway.spa.model.SessionState;
import org.spagateway.dicom.seg.MaskGrid;

/**
 * What a session directory holds beside its SEGs, so that any worker sharing the storage can continue the session:
 * <ul>
 *   <li>{@code round-<n>.state.json}: the {@link SessionState} after round n (what resuming needs);</li>
 *   <li>{@code round-<n>.recommended.png}: round n's recommended mask on the source grid (1-bit PNG, a few KB), what
 *       an approval of round n writes as the final SEG without running the model again;</li>
 *   <li>{@code prior.json}: what round 1 started from ({@link SessionPrior}), written once.</li>
 * </ul>
 * Files are written under a private temporary name and then moved (or, for the write-once prior, linked) into place,
 * so a reader never sees half a file.
 */
public final class SessionStateStore {

    static final String PRIOR = "prior.json";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public Path save(Path sessionDirectory, int round, SessionState state) throws IOException {
        return replace(sessionDirectory.resolve(fileName(round)), state.toJson().getBytes(StandardCharsets.UTF_8));
    }

    public SessionState load(Path sessionDirectory, int round) throws IOException {
        return SessionState.fromJson(Files.readString(sessionDirectory.resolve(fileName(round)),
                StandardCharsets.UTF_8));
    }

    /** Stores round {@code round}'s recommended mask (rewriting it is harmless: the same round, the same mask). */
    Path saveRecommended(Path sessionDirectory, int round, MaskGrid mask) throws IOException {
        BufferedImage image = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = image.getRaster();
        BitSet bits = mask.bits();
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            raster.setSample(i % mask.width(), i / mask.width(), 0, 1);
        }
        Files.createDirectories(sessionDirectory);
        Path target = sessionDirectory.resolve(recommendedName(round));
        Path part = temporary(target);
        try {
            if (!ImageIO.write(image, "png", part.toFile())) {
                throw new IOException("no PNG writer in this JVM");
            }
            return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Round {@code round}'s recommended mask; {@link NoSuchFileException} when it was never stored. */
    MaskGrid loadRecommended(Path sessionDirectory, int round) throws IOException {
        Path file = sessionDirectory.resolve(recommendedName(round));
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("not a PNG: " + file);
        }
        int width = image.getWidth();
        BitSet bits = new BitSet();
        Raster raster = image.getRaster();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < width; x++) {
                if (raster.getSample(x, y, 0) != 0) {
                    bits.set(y * width + x);
                }
            }
        }
        return new MaskGrid(width, image.getHeight(), bits);
    }

    /**
     * The prior round 1 of this session started from: the stored one if round 1 ran before (a redelivery), else
     * {@code choose}'s, which is stored first. Of two workers racing, both return the one stored first.
     */
    SessionPrior claimPrior(Path sessionDirectory, Supplier<SessionPrior> choose) throws IOException {
        Path target = sessionDirectory.resolve(PRIOR);
        if (Files.exists(target)) {
            return JSON.readValue(target.toFile(), SessionPrior.class);
        }
        Files.createDirectories(sessionDirectory);
        Path part = temporary(target);
        try {
            Files.write(part, JSON.writeValueAsBytes(choose.get()));
            Files.createLink(target, part);
        } catch (FileAlreadyExistsException e) {
            // Another worker stored its choice first: that one holds.
        } finally {
            Files.deleteIfExists(part);
        }
        return JSON.readValue(target.toFile(), SessionPrior.class);
    }

    private static Path replace(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        Path part = temporary(target);
        try {
            Files.write(part, content);
            return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** A private temporary name beside {@code target}: two workers redoing the same round never share one. */
    private static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
    }

    static String fileName(int round) {
        return "round-" + round + ".state.json";
    }

    static String recommendedName(int round) {
        return "round-" + round + ".recommended.png";
    }
}
