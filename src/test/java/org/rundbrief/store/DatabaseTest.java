package org.rundbrief.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.config.Config;
import org.rundbrief.testing.TestDatabase;

class DatabaseTest {
    @TempDir
    Path dir;

    /** Issue #23: the database files were 0644 and H2's AUTO_SERVER listened on every interface. */
    @Test
    void theDataFolderAndFilesAreTheOwnersAloneAndTheAutoServerListensOnLoopbackOnly() throws Exception {
        Path folder = dir.resolve("data");
        try (Database db = Database.open(new Config.Database("jdbc:h2:file:" + folder.resolve("rundbrief"), "sa", ""), 2)) {
            db.jdbc().count("SELECT 1");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(folder)))
                    .isEqualTo("rwx------");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(folder.resolve("rundbrief.mv.db")))).isEqualTo("rw-------");
            // H2 writes where its AUTO_SERVER listens into the lock file, for the other processes
            assertThat(java.nio.file.Files.readString(folder.resolve("rundbrief.lock.db"), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .containsPattern("server=localhost\\\\?:\\d+"); // H2 writes 127.0.0.1 as localhost
        }
    }

    /** Regression: a Quartz shutdown interrupted a committing thread and H2 closed the database. */
    @Test
    void anInterruptedWriterDoesNotCloseTheDatabase() throws Exception {
        try (Database db = Database.open(new Config.Database("jdbc:h2:file:" + dir.resolve("db"), "sa", ""), 4)) {
            Jdbc jdbc = db.jdbc();
            jdbc.execute("CREATE TABLE t (i INT)");
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        jdbc.update("INSERT INTO t VALUES (?)", i);
                    } catch (RuntimeException e) {
                        // an interrupted statement may fail; the database must survive it
                    }
                }
            });
            writer.start();
            for (int i = 0; i < 50; i++) {
                writer.interrupt();
                Thread.sleep(5);
            }
            stop.set(true);
            writer.join();
            jdbc.update("INSERT INTO t VALUES (?)", -1);
            assertThat(jdbc.count("SELECT COUNT(*) FROM t WHERE i = -1")).isEqualTo(1);
        }
    }

    /** An installation upgraded to a release whose new migration is numbered below ones it already has. */
    @Test
    void aNewMigrationNumberedBelowAppliedOnesIsAppliedOnUpgrade() {
        Config.Database config = TestDatabase.config(dir);
        try (Database db = Database.open(config, 2)) {
            // as a database made before V2_1 existed: every later migration applied, V2_1 not
            db.jdbc().execute("DROP TABLE source_page");
            db.jdbc().execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '2.1'");
            assertThat(db.jdbc().count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '7.2'")).isEqualTo(1);
        }
        try (Database db = Database.open(config, 2)) {
            assertThat(db.jdbc().count("SELECT COUNT(*) FROM source_page")).isZero();
            assertThat(db.jdbc().count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '2.1' AND \"success\"")).isEqualTo(1);
        }
    }

    @Test
    void theMigrationsFoundInTheBuildAreExactlyThoseFlywayApplies() {
        Config.Database config = TestDatabase.config(dir);
        try (Database db = Database.open(config, 2)) {
            assertThat(Migrations.shipped()).hasValue(Migrations.applied(db.dataSource()))
                    .get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
                    .contains("1", "5.5"); // an SQL and a Java migration
        }
    }

    /** Flyway's scan and validation cost a quarter of a quick CLI command; with nothing to apply it is not started. */
    @Test
    void aDatabaseWithEveryMigrationAppliedOpensWithoutStartingFlyway() {
        Config.Database config = TestDatabase.config(dir);
        try (Database db = Database.open(config, 2)) {
            // Flyway's validation would refuse this checksum; only a start that skips Flyway opens.
            db.jdbc().execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '1'");
        }
        try (Database db = Database.open(config, 2)) {
            assertThat(db.jdbc().count("SELECT COUNT(*) FROM article")).isZero();
        }
    }

    @Test
    void fileUrlsGetServerModeDurableCommitsAndInterruptSafeFiles() {
        assertThat(Database.withH2Options("jdbc:h2:file:./data/x"))
                .isEqualTo("jdbc:h2:file:retry:./data/x;AUTO_SERVER=TRUE;WRITE_DELAY=0");
        assertThat(Database.withH2Options("jdbc:postgresql://db/x")).isEqualTo("jdbc:postgresql://db/x");
    }

    @Test
    void theShortFormOfAnH2FileUrlIsAFileDatabaseToo() {
        assertThat(Database.withH2Options("jdbc:h2:./data/x"))
                .isEqualTo("jdbc:h2:file:retry:./data/x;AUTO_SERVER=TRUE;WRITE_DELAY=0");
        assertThat(Database.h2FileBase("jdbc:h2:./data/x")).contains(java.nio.file.Path.of("./data/x"));
        assertThat(Database.h2FileBase("jdbc:h2:/srv/rundbrief/db;CACHE_SIZE=8192")).contains(java.nio.file.Path.of("/srv/rundbrief/db"));
        assertThat(Database.h2FileBase("jdbc:h2:~/rb")).contains(java.nio.file.Path.of(System.getProperty("user.home"), "rb"));
        assertThat(Database.withH2Options("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
        assertThat(Database.withH2Options("jdbc:h2:tcp://localhost/~/x")).isEqualTo("jdbc:h2:tcp://localhost/~/x");
    }

    @Test
    void theFileOfAnH2UrlIsKnownSoSideFilesCanSitBesideIt() {
        assertThat(Database.h2FileBase("jdbc:h2:file:./data/x;AUTO_SERVER=FALSE")).contains(java.nio.file.Path.of("./data/x"));
        assertThat(Database.h2FileBase("jdbc:h2:file:retry:/srv/db")).contains(java.nio.file.Path.of("/srv/db"));
        assertThat(Database.h2FileBase("jdbc:h2:file:~/rb")).contains(java.nio.file.Path.of(System.getProperty("user.home"), "rb"));
        assertThat(Database.h2FileBase("jdbc:h2:mem:x")).isEmpty();
        assertThat(Database.h2FileBase("jdbc:postgresql://db/x")).isEmpty();
    }
}
