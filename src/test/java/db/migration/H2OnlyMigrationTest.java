package db.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.config.Config;
import org.rundbrief.testing.TestDatabase;
import org.rundbrief.store.Database;
import org.rundbrief.store.Jdbc;

class H2OnlyMigrationTest {
    @TempDir
    Path dir;

    @Nested
    class OnH2 {
        @Test
        void theDuplicatesOfForeignKeyIndexesAreGone() {
            try (Database db = Database.open(new Config.Database("jdbc:h2:file:" + dir.resolve("db"), "sa", ""), 2)) {
                assertThat(indexes(db.jdbc(), "DELIVERY")).doesNotContain("DELIVERY_SUBSCRIBER");
                assertThat(indexes(db.jdbc(), "CONSENT_EVENT")).doesNotContain("CONSENT_EVENT_SUBSCRIBER");
                assertThat(firstColumnIndexes(db.jdbc(), "DELIVERY", "SUBSCRIBER_ID")).hasSize(1);
                assertThat(firstColumnIndexes(db.jdbc(), "CONSENT_EVENT", "SUBSCRIBER_ID")).hasSize(1);
            }
        }

        @Test
        void theOldestWatermarkIsReadFromAnIndexAndPlanningStillSeeksSubscriberIdWindows() {
            try (Database db = Database.open(new Config.Database("jdbc:h2:file:" + dir.resolve("db"), "sa", ""), 2)) {
                String min = db.jdbc().one("EXPLAIN SELECT MIN(delivered_until) FROM subscriber"
                        + " WHERE status = 'confirmed' AND cadence = 'daily'", rs -> rs.getString(1)).orElseThrow();
                String window = db.jdbc().one("EXPLAIN SELECT s.id FROM subscriber s"
                        + " WHERE s.status = 'confirmed' AND s.cadence = 'daily' AND s.id > 5000 AND s.id <= 10000",
                        rs -> rs.getString(1)).orElseThrow();

                assertThat(min).contains("SUBSCRIBER_STATUS_CADENCE_WATERMARK");
                // the id window is a condition of the index (inside its /* … */), not a filter after it
                assertThat(window).containsPattern("/\\* PUBLIC\\.SUBSCRIBER_STATUS_CADENCE_WATERMARK: [^*]*ID > ");
            }
        }

        @Test
        void aMembersDeliveriesAreStillFoundThroughAnIndex() {
            try (Database db = Database.open(new Config.Database("jdbc:h2:file:" + dir.resolve("db"), "sa", ""), 2)) {
                String plan = db.jdbc().one("EXPLAIN SELECT id FROM delivery WHERE subscriber_id = 7", rs -> rs.getString(1))
                        .orElseThrow();
                // an index condition in H2's plan reads "/* PUBLIC.<index>: SUBSCRIBER_ID = … */"
                assertThat(plan).containsPattern("/\\* PUBLIC\\.\\w+: SUBSCRIBER_ID = ");
            }
        }
    }

    @Test
    void onPostgresqlTheSchemasIndexesStay() {
        assumeTrue(TestDatabase.postgres(), "set " + TestDatabase.ENV + " to run on PostgreSQL");
        try (Database db = Database.open(new Config.Database(TestDatabase.url(dir), null, null), 2)) {
            assertThat(db.jdbc().list("SELECT indexname FROM pg_indexes WHERE tablename IN ('delivery', 'consent_event', 'subscriber')",
                    rs -> rs.getString(1))).contains("delivery_subscriber", "consent_event_subscriber", "subscriber_status_cadence")
                    .doesNotContain("subscriber_status_cadence_watermark");
        }
    }

    private static List<String> indexes(Jdbc jdbc, String table) {
        return jdbc.list("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = ?", rs -> rs.getString(1), table);
    }

    private static List<String> firstColumnIndexes(Jdbc jdbc, String table, String column) {
        return jdbc.list("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE TABLE_NAME = ? AND COLUMN_NAME = ?"
                + " AND ORDINAL_POSITION = 1", rs -> rs.getString(1), table, column);
    }
}
