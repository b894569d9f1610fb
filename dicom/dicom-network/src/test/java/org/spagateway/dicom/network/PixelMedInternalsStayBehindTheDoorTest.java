package org.spagateway.dicom.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the door the only way in (STYLE.md: no reaching into a library's internals without a test that fails when
 * they change): no production source outside this module places a class in PixelMed's packages or reflects on code
 * that uses PixelMed, and inside it only {@link PixelMedInternals} reflects, so {@code PixelMedInternalsTest} sees
 * every reflected member.
 */
class PixelMedInternalsStayBehindTheDoorTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("spa.repository.root", "../..")).normalize();
    private static final Path DOOR = REPOSITORY.resolve("dicom/dicom-network");
    private static final Pattern REFLECTION = Pattern.compile(
            "setAccessible\\(|getDeclaredField|getDeclaredMethod|getDeclaredConstructor|privateLookupIn\\(");

    @Test
    void noOtherModulePlacesClassesInPixelMedsPackagesOrReflectsOnPixelMed() {
        List<Path> outsideTheDoor = productionSources(REPOSITORY).stream()
                .filter(file -> !file.startsWith(DOOR))
                .toList();

        assertThat(outsideTheDoor).as("production sources found under %s", REPOSITORY.toAbsolutePath())
                .isNotEmpty();
        assertThat(outsideTheDoor).as("classes in com.pixelmed.* outside dicom-network")
                .noneMatch(file -> read(file).contains("package com.pixelmed"));
        assertThat(outsideTheDoor).as("reflection in code that uses PixelMed, outside dicom-network")
                .noneMatch(file -> read(file).contains("com.pixelmed") && REFLECTION.matcher(read(file)).find());
    }

    @Test
    void insideTheDoorOnlyPixelMedInternalsReflects() {
        assertThat(productionSources(DOOR))
                .filteredOn(file -> REFLECTION.matcher(read(file)).find())
                .extracting(file -> file.getFileName().toString())
                .containsExactly("PixelMedInternals.java");
    }

    private static List<Path> productionSources(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> file.toString().contains("/src/main/java/"))
                    .filter(file -> !file.toString().contains("/target/"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
