package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.config.Config;
import org.rundbrief.store.Database;
import org.rundbrief.subscriber.SearchWords;
import org.rundbrief.testing.TestDatabase;

/** V39_1 writes the search words of the members stored before it, chunk after chunk, and sets the mark (H2, and PostgreSQL with the profile). */
class SubscriberWordMigrationTest {
    @TempDir
    Path dir;

    @Test
    void theMembersStoredBeforeTheWordIndexGetTheirWords() {
        Config.Database config = TestDatabase.config(dir);
        int members = V39_1__subscriber_word.CHUNK + 5;
        try (Database db = Database.open(config, 2)) {
            // as a database made before V39_1: members, no word table, V39_1 not applied
            db.jdbc().execute("DROP TABLE subscriber_word");
            db.jdbc().execute("DELETE FROM setting");
            db.jdbc().execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '39.1'");
            Instant t = Instant.parse("2026-03-02T08:00:00Z");
            List<Object[]> rows = new ArrayList<>();
            for (int i = 1; i <= members; i++) {
                rows.add(new Object[] {"m" + i + "@verein.example", i == members ? "Grete Köhler" : null, t, t});
            }
            db.jdbc().batch("INSERT INTO subscriber (email, name, status, cadence, language, created_at, updated_at)"
                    + " VALUES (?, ?, 'confirmed', 'weekly', 'de', ?, ?)", rows);
        }
        try (Database db = Database.open(config, 2)) {
            assertThat(db.jdbc().count("SELECT COUNT(DISTINCT subscriber_id) FROM subscriber_word")).isEqualTo(members);
            assertThat(db.jdbc().list("SELECT w.word FROM subscriber_word w JOIN subscriber s ON s.id = w.subscriber_id"
                    + " WHERE s.email = ? ORDER BY w.word", rs -> rs.getString(1), "m" + members + "@verein.example"))
                    .containsExactly("example", "grete", "köhler", "m" + members, "verein");
            assertThat(db.jdbc().one("SELECT setting_value FROM setting WHERE name = ?", rs -> rs.getString(1),
                    SearchWords.MARK)).as("the mark: the last member with words")
                    .contains(String.valueOf(db.jdbc().count("SELECT MAX(id) FROM subscriber")));
        }
    }
}
