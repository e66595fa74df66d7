package org.rundbrief.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every text exists in both languages: a key only one file has would show up raw on the other's pages. */
class MessagesTest {
    private static Properties load(String file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("templates", file), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void germanAndEnglishMessagesHaveTheSameKeys() throws IOException {
        Properties de = load("messages_de.properties");
        Properties en = load("messages_en.properties");
        assertThat(de.stringPropertyNames()).as("keys only in messages_de.properties or missing there")
                .containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        assertThat(de).allSatisfy((k, v) -> assertThat((String) v).as(k.toString()).isNotBlank());
        assertThat(en).allSatisfy((k, v) -> assertThat((String) v).as(k.toString()).isNotBlank());
    }
}
