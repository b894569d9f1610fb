package org.spagateway.inference.worker.rounds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.BitSet;
import java.util.Optional;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.spagateway.spa.model.SessionState;
import org.spagateway.dicom.seg.MaskGrid;
import org.spagateway.storage.DurableFiles;
import org.spagateway.storage.Quarantine;

/**
 * What a session directory holds beside its SEGs, so that any worker sharing the storage can continue the session:
 * <ul>
 *   <li>{@code round-<n>.state.json}: the {@link SessionState} after round n (what resuming needs);</li>
 *   <li>{@code round-<n>.recommended.png}: round n's recommended mask on the source grid (1-bit PNG, a few KB), what
 *       an approval of round n writes as the final SEG without running the model again;</li>
 *   <li>{@code prior.json}: what round 1 started from ({@link SessionPrior}), written once.</li>
 * </ul>
 * Files are written durably ({@link DurableFiles}: a private temporary name, synced, then moved or, for the
 * write-once prior, linked into place), so a reader never sees half a file and a round acknowledged on Kafka finds
 * its state after a power loss. A file that cannot be read all the same (torn before writes were synced, damaged) is
 * set aside in the session's {@code quarantine/} folder and reported as missing ({@link NoSuchFileException}): the
 * request that needs it is then refused with {@code ROUND_STATE_MISSING} instead of failing on it for ever.
 */
public final class SessionStateStore {

    static final String PRIOR = "prior.json";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Quarantine quarantine;

    public SessionStateStore() {
        this(Clock.systemUTC());
    }

    SessionStateStore(Clock clock) {
        this.quarantine = new Quarantine(clock);
    }

    public Path save(Path sessionDirectory, int round, SessionState state) throws IOException {
        Path target = sessionDirectory.resolve(fileName(round));
        DurableFiles.replace(target, state.toJson().getBytes(StandardCharsets.UTF_8));
        return target;
    }

    public SessionState load(Path sessionDirectory, int round) throws IOException {
        Path file = sessionDirectory.resolve(fileName(round));
        return quarantine.read(file, "session state",
                        json -> SessionState.fromJson(new String(json, StandardCharsets.UTF_8)))
                .orElseThrow(() -> missing(file));
    }

    /** Stores round {@code round}'s recommended mask (rewriting it is harmless: the same round, the same mask). */
    Path saveRecommended(Path sessionDirectory, int round, MaskGrid mask) throws IOException {
        BufferedImage image = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = image.getRaster();
        BitSet bits = mask.bits();
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            raster.setSample(i % mask.width(), i / mask.width(), 0, 1);
        }
        Path target = sessionDirectory.resolve(recommendedName(round));
        DurableFiles.replace(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this JVM");
            }
        });
        return target;
    }

    /** Round {@code round}'s recommended mask; {@link NoSuchFileException} when it was never stored. */
    MaskGrid loadRecommended(Path sessionDirectory, int round) throws IOException {
        Path file = sessionDirectory.resolve(recommendedName(round));
        BufferedImage image = quarantine.read(file, "PNG", png -> ImageIO.read(new ByteArrayInputStream(png)))
                .orElseThrow(() -> missing(file));
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
        while (true) {
            Optional<SessionPrior> stored = quarantine.read(target, "prior",
                    json -> JSON.readValue(json, SessionPrior.class));
            if (stored.isPresent()) {
                return stored.get();
            }
            // Of two workers racing, the one that links first holds; the other reads it on the next pass.
            DurableFiles.createOnce(target, JSON.writeValueAsBytes(choose.get()));
        }
    }

    /** A file that is not there, or was unreadable and has just been set aside. */
    private static NoSuchFileException missing(Path file) {
        return new NoSuchFileException(file.toString(), null, "missing, or unreadable and set aside in "
                + Quarantine.FOLDER + "/");
    }

    static String fileName(int round) {
        return "round-" + round + ".state.json";
    }

    static String recommendedName(int round) {
        return "round-" + round + ".recommended.png";
    }
}
