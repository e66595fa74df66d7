package org.rundbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.app.App;
import org.rundbrief.config.ConfigLoader;
import org.rundbrief.testing.CommandRun;
import org.rundbrief.testing.TestDatabase;

/** {@code subscribers ...} as an admin runs it: exit codes, the per-line report, exports. */
class SubscribersCommandTest {
    @TempDir
    Path dir;
    Path config;
    Path broken;
    String out;
    String err;

    @BeforeEach
    void setUp() throws IOException {
        config = dir.resolve("rundbrief.yml");
        Files.writeString(config, TestDatabase.yaml(dir) + "\n"
                + "smtp:\n  port: 1\n");
        broken = dir.resolve("members-with-errors.csv");
        try (InputStream in = getClass().getResourceAsStream("/subscribers/members-with-errors.csv")) {
            Files.copy(in, broken);
        }
    }

    int run(String... args) {
        CommandRun r = CommandRun.withConfig(config, args);
        out = r.out();
        err = r.err();
        return r.exit();
    }

    @Test
    void anImportWithConfirmationMailsSaysWhatBecameOfThemAndKeepsThoseTheServerDidNotTake() throws IOException {
        Path members = dir.resolve("neu.csv");
        Files.writeString(members, "email,name\nanna@example.org,Anna\nbernd@example.org,Bernd\n");
        assertThat(run("subscribers", "import", members.toString())).isZero(); // smtp.port 1: connection refused
        assertThat(out).contains("2 rows: 2 imported")
                .contains("confirmation mails: 0 sent, 1 waiting for retry, 0 failed; the rest waits: cannot connect to");
        assertThat(err).contains("mails not sent now stay queued");
        try (App app = new App(ConfigLoader.load(config, true, java.util.Map.of()), dir, java.time.Clock.systemUTC())) {
            assertThat(app.outbox.state().waiting()).as("both confirmations wait in the outbox").isEqualTo(2);
            assertThat(app.outbox.state().lastError()).contains("cannot connect to");
        }
    }

    @Test
    void importReportsBadLinesExitsOneAndReimportChangesNothing() {
        assertThat(run("subscribers", "import", broken.toString(), "--confirmed", "--consent-note", "Liste 2026")).isEqualTo(1);
        assertThat(out).contains("7 rows: 1 imported, 0 already on the list, 0 suppressed, 6 rejected");
        assertThat(err).contains("members-with-errors.csv:3: ", "members-with-errors.csv:4: ",
                "members-with-errors.csv:5: ", "members-with-errors.csv:6: duplicate of line 2",
                "members-with-errors.csv:7: ", "members-with-errors.csv:8: ");

        assertThat(run("subscribers", "import", broken.toString(), "--confirmed", "--consent-note", "Liste 2026")).isEqualTo(1);
        assertThat(out).contains("7 rows: 0 imported, 1 already on the list");
    }

    @Test
    void aLongImportsBarEndsAtTheTrueRowCount() throws IOException {
        Path big = dir.resolve("big.csv");
        StringBuilder csv = new StringBuilder("email,name,language,topics,frequency\n");
        for (int i = 0; i < 16_000; i++) { // over 1 MB: the size that gets a bar
            csv.append("m").append(i).append("@example.org,Mitglied Nr. ").append(i)
                    .append(" Jörg Müller-Lüdenscheidt vom Förderverein,de,,weekly\n");
        }
        Files.writeString(big, csv);
        assertThat(Files.size(big)).isGreaterThan(1 << 20);

        assertThat(run("subscribers", "import", big.toString(), "--confirmed", "--consent-note", "Liste 2026")).isZero();

        assertThat(out).contains("16000 rows: 16000 imported");
        // The file is read ahead of the rows stored: the estimate's last line may fall short; the bar ends exact.
        assertThat(err.lines().filter(l -> l.startsWith("importing")).reduce((a, b) -> b))
                .hasValueSatisfying(last -> assertThat(last).contains("100%  16,000/16,000"));
    }

    @Test
    void badUsageExitsTwoWithAMessageAndStoresNothing() {
        assertThat(run("subscribers", "import", broken.toString(), "--confirmed")).isEqualTo(2);
        assertThat(err).contains("--consent-note");
        assertThat(run("subscribers", "add", "x@y.de", "--cadence", "hourly")).isEqualTo(2);
        assertThat(err).contains("unknown cadence 'hourly'");
        assertThat(run("subscribers", "add", "kein-at")).isEqualTo(2);
        assertThat(run("subscribers", "import", dir.resolve("missing.csv").toString())).isEqualTo(2);
        assertThat(run("subscribers", "list")).isZero();
        assertThat(out.lines()).hasSize(1); // the header only
    }

    @Test
    void addTakesTopicsSeparatedBySemicolonsAsInTheCsvAndByCommas() {
        assertThat(run("subscribers", "add", "semikolon@example.org", "--topics", "verein;termine")).isZero();
        assertThat(run("subscribers", "add", "komma@example.org", "--topics", "verein, termine")).isZero();
        assertThat(run("subscribers", "add", "beides@example.org", "--topics", "verein; termine,veranstaltungen")).isZero();
        assertThat(run("subscribers", "list")).isZero();
        assertThat(out).contains("semikolon@example.org\tconfirmed\tweekly\tde\ttermine;verein\t")
                .contains("komma@example.org\tconfirmed\tweekly\tde\ttermine;verein\t")
                .contains("beides@example.org\tconfirmed\tweekly\tde\ttermine;veranstaltungen;verein\t");

        assertThat(run("subscribers", "add", "falsch@example.org", "--topics", "verein;sport")).isEqualTo(2);
        assertThat(err).contains("unknown topic 'sport'");
        assertThat(run("subscribers", "list")).isZero();
        assertThat(out).doesNotContain("falsch@example.org");
    }

    @Test
    void addListExportRemoveAndForget() throws IOException {
        assertThat(run("subscribers", "add", "Zoë@Beispiel.DE", "--name", "Zoë Weiß", "--topics", "verein,termine",
                "--cadence", "daily", "--language", "de")).isZero();
        assertThat(run("subscribers", "list")).isZero();
        assertThat(out).contains("zoë@beispiel.de\tconfirmed\tdaily\tde\ttermine;verein\tZoë Weiß");

        Path csv = dir.resolve("export.csv");
        Files.writeString(csv, "last week's export\n");
        assertThat(run("subscribers", "export", "--out", csv.toString())).isZero();
        assertThat(Files.readString(csv)).startsWith("email,name,language,topics,frequency,status,created_at,confirmed_at")
                .contains("zoë@beispiel.de,Zoë Weiß,de,termine;verein,daily,confirmed,");
        assertThat(dir.resolve("export.csv.part")).as("written beside and renamed when whole").doesNotExist();

        assertThat(run("subscribers", "export", "--email", "zoë@beispiel.de")).isZero();
        assertThat(out).contains("\"consentLog\"").contains("\"origin\" : \"admin\"");

        assertThat(run("subscribers", "remove", "zoë@beispiel.de")).isZero();
        assertThat(run("subscribers", "list")).isZero();
        assertThat(out).contains("\tunsubscribed\t");

        assertThat(run("subscribers", "forget", "zoë@beispiel.de")).isZero();
        try (App app = new App(ConfigLoader.load(config, true, java.util.Map.of()), dir, java.time.Clock.systemUTC())) {
            assertThat(app.audit.recent(5)).anySatisfy(a -> {
                assertThat(a.action()).isEqualTo("subscriber.forget");
                assertThat(a.channel()).isEqualTo("cli");
                assertThat(a.target()).startsWith("subscriber:");
            }).allSatisfy(a -> assertThat(a.toString()).doesNotContain("zoë").doesNotContain("beispiel"));
        }
        assertThat(run("subscribers", "export", "--email", "zoë@beispiel.de")).isEqualTo(1);
        assertThat(run("subscribers", "import", csv.toString(), "--confirmed", "--consent-note", "wieder")).isZero();
        assertThat(out).contains("1 rows: 0 imported, 0 already on the list, 1 suppressed, 0 rejected");
        assertThat(err).contains("export.csv:2: zoë@beispiel.de is on the suppression list");
        assertThat(run("subscribers", "add", "zoë@beispiel.de")).isEqualTo(2);
        assertThat(err).contains("suppression list");

        assertThat(run("subscribers", "unsuppress", "zoë@beispiel.de")).as("--note is required").isEqualTo(2);
        assertThat(run("subscribers", "unsuppress", "zoë@beispiel.de", "--note", "kommt zurück (Brief vom 3. März)")).isZero();
        assertThat(out).contains("lifted the suppression of zoë@beispiel.de");
        assertThat(run("subscribers", "unsuppress", "zoë@beispiel.de", "--note", "noch einmal")).isEqualTo(1);
        try (App app = new App(ConfigLoader.load(config, true, java.util.Map.of()), dir, java.time.Clock.systemUTC())) {
            assertThat(app.audit.recent(5)).as("lifted once, audited once, with its note")
                    .filteredOn(a -> a.action().equals("subscriber.unsuppress")).singleElement()
                    .satisfies(a -> {
                        assertThat(a.channel()).isEqualTo("cli");
                        assertThat(a.detail()).isEqualTo("kommt zurück (Brief vom 3. März)");
                    });
        }
        assertThat(run("subscribers", "add", "zoë@beispiel.de")).isZero();
    }

    @Test
    void anExcelFileInWindows1252IsImportedWithANoteAndExportedForExcel() throws IOException {
        Path ansi = dir.resolve("Mitglieder.csv");
        try (InputStream in = getClass().getResourceAsStream("/subscribers/excel-german-ansi.csv")) {
            Files.copy(in, ansi);
        }
        assertThat(run("subscribers", "import", ansi.toString(), "--confirmed", "--consent-note", "Liste 2026")).isZero();
        assertThat(err).contains("Mitglieder.csv: not UTF-8; read as windows-1252 (choose another with --encoding)");
        assertThat(out).contains("4 rows: 4 imported");

        Path excel = dir.resolve("export.csv");
        assertThat(run("subscribers", "export", "--excel", "--out", excel.toString())).isZero();
        assertThat(Files.readString(excel)).startsWith("\uFEFFE-Mail;Name;Sprache;Themen;Rhythmus;")
                .contains("grete.koehler@example.de;Grete Köhler;de;");

        assertThat(run("subscribers", "import", ansi.toString(), "--encoding", "ebcdic-klingon")).isEqualTo(2);
        assertThat(err).contains("--encoding: unknown character set 'ebcdic-klingon'");
    }
}
