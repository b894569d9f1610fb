package org.spagateway.test.harness;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for integration tests: Debian's {@code chromium}, driven through Debian's {@code chromedriver} by
 * Selenium, headless ({@code --headless=new}), without the sandbox (tests run as root), at a fixed window size and a
 * device scale factor of 1 so that screenshots are comparable pixel for pixel, in the sRGB colour profile so that a
 * colour the page paints is the colour the screenshot holds. Selenium Manager never runs: the driver executable and
 * the browser binary are given explicitly (there is no route to its downloads here). A missing browser or driver
 * fails the test with what to install, never skips it. Each instance has its own throw-away profile directory.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 900;

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** Debian's chromium and chromedriver at {@value #WIDTH}x{@value #HEIGHT}. */
    public static HeadlessChromium start() {
        return start(CHROMIUM, CHROMEDRIVER, WIDTH, HEIGHT);
    }

    /**
     * @throws AssertionError naming the Debian package to install, when the browser or the driver is missing
     */
    public static HeadlessChromium start(Path chromium, Path chromedriver, int width, int height) {
        require(chromium, "chromium");
        require(chromedriver, "chromium-driver");
        // Both the property and the service's executable: whichever Selenium consults, it never asks Selenium Manager.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromedriver.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("spa-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a browser profile directory", e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--force-device-scale-factor=1", "--hide-scrollbars",
                "--force-color-profile=srgb", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--user-data-dir=" + profile);
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw new AssertionError("headless chromium (" + chromium + " through " + chromedriver
                    + ") did not start: " + e.getMessage(), e);
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Object viewport = driver.executeScript("return [window.innerWidth, window.innerHeight];");
        if (!List.of((long) width, (long) height).equals(viewport)) {
            // --window-size sizes the viewport of the new headless mode; if a build sizes the outer window instead,
            // grow the window by the difference so the page still gets exactly width x height.
            List<?> inner = (List<?>) viewport;
            Dimension outer = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(outer.width + width - ((Number) inner.get(0)).intValue(),
                    outer.height + height - ((Number) inner.get(1)).intValue()));
        }
        return new HeadlessChromium(service, driver, profile);
    }

    private static void require(Path executable, String debianPackage) {
        if (!Files.isExecutable(executable)) {
            throw new AssertionError(executable + " is missing: install the Debian package " + debianPackage
                    + " (scripts/setup.sh does); browser tests need the real browser and fail without it");
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** The viewport as the browser paints it now. */
    public BufferedImage screenshot() {
        return decode(driver.getScreenshotAs(OutputType.BYTES));
    }

    /** One element as painted now, scrolled into the middle of the viewport first so none of it is clipped. */
    public BufferedImage screenshot(WebElement element) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'});", element);
        return decode(element.getScreenshotAs(OutputType.BYTES));
    }

    /** Writes the viewport as a PNG (e.g. under target/ for the docs). */
    public Path saveScreenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Pixels of {@code image} within {@code tolerance} of {@code colour} in each of R, G and B. */
    public static long countPixels(BufferedImage image, Color colour, int tolerance) {
        return countPixels(image, new Rectangle(0, 0, image.getWidth(), image.getHeight()), colour, tolerance);
    }

    /** As {@link #countPixels(BufferedImage, Color, int)}, within {@code region} (clipped to the image). */
    public static long countPixels(BufferedImage image, Rectangle region, Color colour, int tolerance) {
        Rectangle clipped = region.intersection(new Rectangle(0, 0, image.getWidth(), image.getHeight()));
        long count = 0;
        for (int y = clipped.y; y < clipped.y + clipped.height; y++) {
            for (int x = clipped.x; x < clipped.x + clipped.width; x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xFF) - colour.getRed()) <= tolerance
                        && Math.abs(((rgb >> 8) & 0xFF) - colour.getGreen()) <= tolerance
                        && Math.abs((rgb & 0xFF) - colour.getBlue()) <= tolerance) {
                    count++;
                }
            }
        }
        return count;
    }

    private static BufferedImage decode(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException("the browser's screenshot is not a PNG", e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            delete(profile);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover profile in the temporary directory is harmless.
        }
    }
}
