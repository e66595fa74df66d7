package org.rundbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.store.H2Backup;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.testing.CommandRun;
import org.rundbrief.testing.Installation;

/** {@code backup --out FILE} beside a running installation on H2, and the restore of what it wrote. */
class BackupCommandTest {
    @TempDir
    Path dir;
    String out;
    String err;

    static String h2(Path folder) {
        return "database: { url: \"jdbc:h2:file:" + folder.resolve("db").toAbsolutePath().toString().replace('\\', '/') + "\" }";
    }

    int run(Path config, String... args) {
        CommandRun r = CommandRun.withConfig(config, args);
        out = r.out();
        err = r.err();
        return r.exit();
    }

    @Test
    void aBackupTakenWhileTheInstallationRunsRestoresEveryMemberAndArticle() throws Exception {
        Path live = Files.createDirectories(dir.resolve("live"));
        Path zip = dir.resolve("sicherung.zip");
        try (Installation inst = new Installation(live, 1, "", h2(live))) {
            for (int i = 0; i < 20; i++) {
                inst.subscriber("mitglied" + i + "@example.org", Cadence.WEEKLY);
                inst.article("Beitrag Nr. " + i + " über Größe und Maß");
            }
            assertThat(run(live.resolve("rundbrief.yml"), "backup", "--out", zip.toString())).as(err).isZero();
            assertThat(out).contains("backup written to " + zip.toAbsolutePath());
        }

        Path restored = Files.createDirectories(dir.resolve("restored"));
        unzip(zip, restored);
        try (Installation back = new Installation(restored, 1, "", h2(restored))) {
            for (int i = 0; i < 20; i++) {
                assertThat(back.app.subscribers.byEmail(org.rundbrief.mail.EmailAddress.parse("mitglied" + i + "@example.org")))
                        .as("member %d", i).isPresent();
            }
            assertThat(back.app.articles.recent(100, Optional.empty())).extracting(a -> a.title())
                    .hasSize(20).contains("Beitrag Nr. 0 über Größe und Maß", "Beitrag Nr. 19 über Größe und Maß");
        }
    }

    /**
     * Regression: Ctrl-C or SIGTERM during a backup let the JVM's shutdown close the database under
     * it: "rundbrief: failed: store: The database is open in exclusive mode…", exit 143. Now the
     * stop is honoured when H2's copy returns: no file, and a former backup at the same name stays.
     */
    @Test
    void aStopLeavesNoNewFileAndTheFormerBackupAsItWas() throws Exception {
        Path live = Files.createDirectories(dir.resolve("live"));
        Path zip = Files.writeString(dir.resolve("alt.zip"), "alte Sicherung");
        try (Installation inst = new Installation(live, 1, "", h2(live))) {
            assertThatThrownBy(() -> H2Backup.write(inst.app.database, zip, () -> true)).isInstanceOf(CancellationException.class);
        }

        assertThat(Files.readString(zip)).isEqualTo("alte Sicherung");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no part left").containsExactlyInAnyOrder("alt.zip", "live");
        }
    }

    @Test
    void anExistingFileIsKeptUnlessForced() throws Exception {
        Path live = Files.createDirectories(dir.resolve("live"));
        new Installation(live, 1, "", h2(live)).close();
        Path zip = Files.writeString(dir.resolve("alt.zip"), "alte Sicherung");

        assertThat(run(live.resolve("rundbrief.yml"), "backup", "--out", zip.toString())).isEqualTo(2);
        assertThat(err).contains(zip + " exists", "--force");
        assertThat(Files.readString(zip)).isEqualTo("alte Sicherung");

        assertThat(run(live.resolve("rundbrief.yml"), "backup", "--out", zip.toString(), "--force")).as(err).isZero();
        assertThat(Files.size(zip)).isGreaterThan(100);
    }

    @Test
    void aMissingOutputFolderIsAClearErrorAndWritesNothing() throws Exception {
        Path live = Files.createDirectories(dir.resolve("live"));
        new Installation(live, 1, "", h2(live)).close();
        Path missing = dir.resolve("gibt-es-nicht");

        assertThat(run(live.resolve("rundbrief.yml"), "backup", "--out", missing.resolve("b.zip").toString())).isEqualTo(2);
        assertThat(err).contains("the folder " + missing.toAbsolutePath() + " of --out does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aDatabaseFileThatIsNotThereIsAClearErrorAndNoneIsMade() throws Exception {
        Path config = Files.writeString(dir.resolve("rundbrief.yml"), h2(dir.resolve("data")) + "\n");

        assertThat(run(config, "backup", "--out", dir.resolve("b.zip").toString())).isEqualTo(2);
        assertThat(err).contains("there is no database file " + dir.resolve("data/db.mv.db").toAbsolutePath(),
                "is --config the installation's config?");
        assertThat(dir.resolve("data")).doesNotExist();
        assertThat(dir.resolve("b.zip")).doesNotExist();
    }

    /** A backup before an upgrade: the file of an older version is copied as it is, not migrated first. */
    @Test
    void theFileIsBackedUpAsItIsAlsoInTheShortUrlForm() throws Exception {
        Path old = Files.createDirectories(dir.resolve("old")).resolve("db").toAbsolutePath();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + old, "sa", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE mitglied (email VARCHAR(100))");
            st.execute("INSERT INTO mitglied VALUES ('jörg@example.org')");
        }
        Path config = Files.writeString(dir.resolve("rundbrief.yml"),
                "database: { url: \"jdbc:h2:" + old.toString().replace('\\', '/') + "\" }\n");

        assertThat(run(config, "backup", "--out", dir.resolve("b.zip").toString())).as(err).isZero();
        Path restored = Files.createDirectories(dir.resolve("restored"));
        unzip(dir.resolve("b.zip"), restored);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + restored.resolve("db").toAbsolutePath(), "sa", "");
             ResultSet tables = c.createStatement().executeQuery(
                     "SELECT LOWER(table_name) FROM information_schema.tables WHERE table_schema = 'PUBLIC'")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            assertThat(names).containsExactly("mitglied");
        }
    }

    @Test
    void onPostgresItNamesThePgDumpCommand() throws IOException {
        Path config = Files.writeString(dir.resolve("rundbrief.yml"),
                "database: { url: \"jdbc:postgresql://db.example.org:5433/verein?currentSchema=news\", user: rundbrief }\n");

        assertThat(run(config, "backup", "--out", dir.resolve("b.zip").toString())).isEqualTo(2);
        assertThat(err).contains("use pg_dump", "pg_dump --format=custom --file=" + dir.resolve("b.zip")
                + " --host=db.example.org --port=5433 --schema=news --username=rundbrief verein");
        assertThat(dir.resolve("b.zip")).doesNotExist();
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path file = into.resolve(e.getName()).normalize();
                assertThat(file.startsWith(into)).as("zip entry %s stays in %s", e.getName(), into).isTrue();
                Files.createDirectories(file.getParent());
                Files.copy(z, file);
            }
        }
    }
}
