package org.rundbrief.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.testing.TestDatabase;

/**
 * Every named query of every {@code src/main/resources/sql/*.sql} is prepared against a migrated
 * database (H2, or PostgreSQL in the run with {@code RB_TEST_POSTGRES_URL}), so a typo in a table or column fails here rather than for the first user who takes the
 * path that runs it. On PostgreSQL a prepared statement only reaches the server when it runs, so
 * asking for its parameter metadata makes the driver send it to be parsed and described. A file
 * named {@code *.postgresql.sql} holds statements for PostgreSQL only and is prepared in that run;
 * its {@code CREATE TEMPORARY TABLE} statements are run first, as the code does before the others.
 */
class NamedQueriesTest {
    @TempDir
    Path dir;

    @Test
    void everyNamedQueryPreparesOnThisRunsDatabase() throws Exception {
        try (Database db = Database.open(TestDatabase.config(dir), 2)) {
            assertThat(db.isPostgres()).isEqualTo(TestDatabase.postgres());
            assertEveryQueryPrepares(db);
        }
    }

    private static void assertEveryQueryPrepares(Database db) throws Exception {
        List<String> prepared = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            for (String file : sqlFiles(db.isPostgres())) {
                Queries queries = Queries.load("/sql/" + file);
                for (String name : queries.names().stream().sorted().toList()) {
                    if (queries.get(name).startsWith("CREATE TEMPORARY TABLE")) {
                        try (var st = c.createStatement()) {
                            st.execute(queries.get(name));
                        }
                    }
                }
                for (String name : queries.names().stream().sorted().toList()) {
                    try (PreparedStatement ps = c.prepareStatement(queries.get(name))) {
                        ps.getParameterMetaData();
                        prepared.add(file + ": " + name);
                    } catch (SQLException e) {
                        broken.add(file + ": " + name + ": " + e.getMessage());
                        if (!c.getAutoCommit()) {
                            c.rollback();
                        }
                    }
                }
            }
        }
        assertThat(broken).as("named queries the database refuses").isEmpty();
        assertThat(prepared).as("named queries found").hasSizeGreaterThan(50);
    }

    /** The names of the .sql files under {@code /sql} on the class path (a folder when tests run) for this database. */
    private static List<String> sqlFiles(boolean postgres) throws Exception {
        URI folder = Queries.class.getResource("/sql").toURI();
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql"))
                    .filter(n -> postgres || !n.endsWith(".postgresql.sql")).sorted().toList();
            assertThat(names).contains("article.sql", "subscriber.sql", "edition.sql", "delivery.sql", "admin.sql");
            return names;
        }
    }
}
