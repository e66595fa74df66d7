package org.rundbrief.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.mail.EmailAddress;

/** After {@code forget} and the next clean stop of {@code serve}, no byte of the address is left in the database files. */
class ForgetErasesTest {
    static final String ADDRESS = "erase-me-q7z@beispiel.example";

    @TempDir
    Path dir;

    @Test
    void aForgottenAddressIsNotInTheH2FilesAfterTheCleanStop() throws Exception {
        var f = new SubscriberFixture(dir, Map.of("RUNDBRIEF_DATABASE_URL", "jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=FALSE"));
        try {
            Subscriber s = f.service.addConfirmed(f.person(ADDRESS), "Mitgliederversammlung");
            f.app.subscribers.updateProfile(s.id(), "Jörg", s.cadence(), "de", List.of("verein"), f.clock.instant(),
                    Actor.ADMIN.consent("preferences_changed")); // a second version of the row
            assertThat(f.service.forget(EmailAddress.parse(ADDRESS), Actor.ADMIN)).isTrue();
            f.app.database.compactOnClose(); // what serve does at its clean stop
        } finally {
            f.close();
        }
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.toString()).doesNotContain(ADDRESS).doesNotContain("erase-me-q7z");
            }
        }
    }
}
