package org.spagateway.test.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Debian's chromium through Debian's chromedriver: a page it paints is measured exactly in its screenshot. */
class HeadlessChromiumIT {

    @TempDir
    Path work;

    @Test
    void paintsABlockOfOneColourThatTheScreenshotCountsExactly() throws Exception {
        Path page = Files.writeString(work.resolve("block.html"), "<!doctype html><html><body style=\"margin:0;"
                + "background:#000\"><div id=\"block\" style=\"width:120px;height:50px;background:#56B4E9\"></div>"
                + "<p id=\"text\">ready</p></body></html>");
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(page.toUri().toString());
            WebElement block = browser.driver().findElement(By.id("block"));

            BufferedImage viewport = browser.screenshot();

            assertThat(viewport.getWidth()).isEqualTo(HeadlessChromium.WIDTH);
            assertThat(viewport.getHeight()).isEqualTo(HeadlessChromium.HEIGHT);
            assertThat(HeadlessChromium.countPixels(viewport, new Color(0x56B4E9), 0)).isEqualTo(120 * 50);
            assertThat(HeadlessChromium.countPixels(browser.screenshot(block), new Color(0x56B4E9), 0))
                    .isEqualTo(120 * 50);
            assertThat(browser.driver().findElement(By.id("text")).getText()).isEqualTo("ready");
            assertThat(browser.saveScreenshot(work.resolve("shot.png"))).isNotEmptyFile();
        }
    }
}
