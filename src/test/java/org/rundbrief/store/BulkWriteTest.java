package org.rundbrief.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.config.Config;

class BulkWriteTest {
    @TempDir
    Path dir;

    @Test
    void theH2OnTheClassPathIsTheReleaseBulkWriteWasWrittenFor() throws Exception {
        try (Database db = Database.open(new Config.Database("jdbc:h2:file:" + dir.resolve("db"), "sa", ""), 2);
             Connection c = db.dataSource().getConnection()) {
            String version = c.getMetaData().getDatabaseProductVersion().split(" ")[0];
            assertThat(version).as("""
                    H2 on the class path is %s, but BulkWrite uses H2's engine internals as of %s. Check that
                    org.h2.engine.Database still has getStore().getMvStore().getCacheSize(), setCacheSize,
                    getWriteDelay, setWriteDelay and flush, and that JdbcConnection.getSession() still gives a
                    SessionLocal for a database this process hosts; re-run the import benchmark
                    (bench/README.md, Import); then set BulkWrite.WRITTEN_FOR_H2 to %s""",
                    version, BulkWrite.WRITTEN_FOR_H2, version).isEqualTo(BulkWrite.WRITTEN_FOR_H2);
        }
    }

    @Test
    void aHostedH2EngineGetsTheSmallCacheAndLateWritesUntilTheBulkWriteEnds() {
        try (Database db = Database.open(new Config.Database("jdbc:h2:file:" + dir.resolve("db"), "sa", ""), 2)) {
            int[] configured = BulkWrite.settings(db.dataSource()).orElseThrow();
            assertThat(configured[0]).isGreaterThan(BulkWrite.CACHE_KB);
            assertThat(configured[1]).isZero(); // Database.open's WRITE_DELAY=0
            try (BulkWrite bulk = db.jdbc().bulkWrite()) {
                assertThat(BulkWrite.settings(db.dataSource()).orElseThrow())
                        .containsExactly(BulkWrite.CACHE_KB, BulkWrite.WRITE_DELAY_MS);
                db.jdbc().update("INSERT INTO setting (name, setting_value) VALUES (?, ?)", "during", "bulk");
            }
            assertThat(BulkWrite.settings(db.dataSource()).orElseThrow()).containsExactly(configured);
        }
    }

    @Test
    void settingsAreNotKeptInTheFileWhenTheProcessDiesMidImport() {
        Config.Database config = new Config.Database("jdbc:h2:file:" + dir.resolve("db"), "sa", "");
        int[] configured;
        try (Database db = Database.open(config, 2)) {
            configured = BulkWrite.settings(db.dataSource()).orElseThrow();
            db.jdbc().bulkWrite(); // never closed, as in a process killed during an import
            assertThat(BulkWrite.settings(db.dataSource()).orElseThrow()[0]).isEqualTo(BulkWrite.CACHE_KB);
        }
        try (Database db = Database.open(config, 2)) {
            assertThat(BulkWrite.settings(db.dataSource()).orElseThrow()).containsExactly(configured);
            assertThat(db.jdbc().count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'CACHE_SIZE' AND SETTING_VALUE = ?",
                    String.valueOf(BulkWrite.CACHE_KB))).isZero();
        }
    }

    /** As when `serve` hosts the file and a CLI import connects to it through AUTO_SERVER. */
    @Test
    void theEngineOfAnotherProcessIsLeftAlone() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifNotExists").start();
        try (Database db = Database.open(new Config.Database("jdbc:h2:tcp://localhost:" + server.getPort() + "/remote", "sa", ""), 2);
             BulkWrite bulk = db.jdbc().bulkWrite()) {
            assertThat(BulkWrite.settings(db.dataSource())).isEmpty();
            db.jdbc().update("INSERT INTO setting (name, setting_value) VALUES (?, ?)", "k", "v");
            assertThat(db.jdbc().count("SELECT COUNT(*) FROM setting WHERE name = ?", "k")).isOne();
        } finally {
            server.stop();
        }
    }
}
