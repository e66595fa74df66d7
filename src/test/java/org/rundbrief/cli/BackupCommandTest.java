package org.rundbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.testing.Installation;
import org.rundbrief.testing.TestDatabase;

/** {@code backup --out FILE}: online while the database is open, restored by unzipping, every member and article back. */
class BackupCommandTest {
    @TempDir
    Path dir;
    String out;
    String err;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = org.rundbrief.Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void aBackupTakenWhileTheDatabaseIsInUseRestoresEveryMemberAndArticle() throws Exception {
        assumeFalse(TestDatabase.postgres(), "PostgreSQL is backed up with pg_dump");
        Path live = Files.createDirectories(dir.resolve("live"));
        Path backup = dir.resolve("rundbrief-backup.zip");
        try (Installation inst = new Installation(live, 1, "")) {
            inst.subscriber("anna@example.org", Cadence.DAILY);
            inst.subscriber("jörg@müller.example", Cadence.WEEKLY);
            inst.article("Sommerfest am Baggersee");
            inst.article("Mitgliederversammlung – „Wahlen“");
            // the installation stays open, as a running serve would
            assertThat(run("backup", "--out", backup.toString(), "--config", live.resolve("rundbrief.yml").toString()))
                    .as(err).isZero();
            assertThat(out).contains("Backup written to " + backup);
            inst.subscriber("nach-dem-backup@example.org", Cadence.DAILY);
        }

        Path restored = Files.createDirectories(dir.resolve("restored"));
        unzip(backup, restored);
        try (Installation inst = new Installation(restored, 1, "")) {
            var jdbc = inst.app.database.jdbc();
            assertThat(jdbc.list("SELECT email FROM subscriber ORDER BY email", rs -> rs.getString(1)))
                    .containsExactly("anna@example.org", "jörg@müller.example");
            assertThat(jdbc.list("SELECT title FROM article ORDER BY title", rs -> rs.getString(1)))
                    .containsExactly("Mitgliederversammlung – „Wahlen“", "Sommerfest am Baggersee");
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        assumeFalse(TestDatabase.postgres(), "PostgreSQL is backed up with pg_dump");
        Path backup = Files.writeString(dir.resolve("old.zip"), "the backup of last week");
        try (Installation inst = new Installation(dir, 1, "")) {
            assertThat(run("backup", "--out", backup.toString(), "--config", dir.resolve("rundbrief.yml").toString())).isEqualTo(2);
        }
        assertThat(err).contains("--out: ").contains("exists already");
        assertThat(Files.readString(backup)).isEqualTo("the backup of last week");
    }

    @Test
    void onPostgresqlItPointsToPgDump() throws Exception {
        assumeTrue(TestDatabase.postgres(), "set " + TestDatabase.ENV + " to run on PostgreSQL");
        try (Installation inst = new Installation(dir, 1, "")) {
            assertThat(run("backup", "--out", dir.resolve("x.zip").toString(), "--config", dir.resolve("rundbrief.yml").toString()))
                    .isEqualTo(2);
        }
        assertThat(err).contains("pg_dump");
        assertThat(dir.resolve("x.zip")).doesNotExist();
    }

    private static void unzip(Path zip, Path into) throws Exception {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Files.copy((InputStream) in, into.resolve(e.getName()));
            }
        }
    }
}
