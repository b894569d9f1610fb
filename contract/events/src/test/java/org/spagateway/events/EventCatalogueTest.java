package org.spagateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/events.md is the catalogue reporting systems read: its examples must be valid and it must list everything. */
class EventCatalogueTest {

    private static final Path CATALOGUE = Path.of("..", "..", "docs", "events.md");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");

    private final EventCodec codec = new EventCodec();

    @Test
    void everyExampleValidatesAgainstTheSchemaOfItsType() throws IOException {
        List<String> typesSeen = new ArrayList<>();
        Matcher block = JSON_BLOCK.matcher(Files.readString(CATALOGUE));
        while (block.find()) {
            String json = block.group(1);
            Matcher type = TYPE.matcher(json);
            assertThat(type.find()).as("example has a type").isTrue();
            EventType eventType = EventType.fromTypeName(type.group(1)).orElseThrow();
            assertThat(codec.validate(json, eventType)).as("problems in the %s example", eventType).isEmpty();
            codec.decode(json, eventType);
            typesSeen.add(eventType.typeName());
        }
        assertThat(typesSeen).containsExactlyInAnyOrder(
                java.util.Arrays.stream(EventType.values()).map(EventType::typeName).toArray(String[]::new));
    }

    @Test
    void everyTopicIsListed() throws IOException {
        String catalogue = Files.readString(CATALOGUE);

        assertThat(Topic.all()).allSatisfy(topic -> assertThat(catalogue).contains("`" + topic.name() + "`"));
    }
}
