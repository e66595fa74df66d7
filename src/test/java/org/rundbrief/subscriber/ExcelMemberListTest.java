package org.rundbrief.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rundbrief.app.App;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.testing.MutableClock;

/**
 * Member lists as a club's office saves them from Excel: the fixtures are byte for byte what a
 * German Excel writes (";" between columns, German headers, CRLF; "CSV" in Windows-1252,
 * "CSV UTF-8" with a byte order mark, "Unicode text" as UTF-16 with tabs).
 */
class ExcelMemberListTest {
    static final SubscriberImport.Options CONFIRMED = new SubscriberImport.Options(true, "Mitgliederliste 2026");

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    App app;
    List<String> rejections = new ArrayList<>();

    @BeforeEach
    void open() {
        app = TestApps.app(dir.resolve("a"), clock);
    }

    @AfterEach
    void close() {
        app.close();
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = ExcelMemberListTest.class.getResourceAsStream("/subscribers/" + name)) {
            return in.readAllBytes();
        }
    }

    SubscriberImport.Result importBytes(App into, byte[] bytes, Charset chosen) throws IOException {
        CsvEncoding.Decoded csv = CsvEncoding.open(new ByteArrayInputStream(bytes), chosen);
        return into.subscriberImport.run(csv.reader(), CONFIRMED, new SubscriberImport.Listener() {
            @Override
            public void rejected(long line, InvalidInput why) {
                rejections.add(line + ": " + why.getMessage());
            }

            @Override
            public void progress(long rows) {}
        });
    }

    Subscriber member(String email) {
        return app.subscribers.byEmail(EmailAddress.parse(email)).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"excel-german-ansi.csv", "excel-german-utf8-bom.csv", "excel-unicode-text.txt"})
    void everyWayExcelSavesAGermanListImportsTheSameMembers(String file) throws IOException {
        var result = importBytes(app, fixture(file), null);

        assertThat(rejections).isEmpty();
        assertThat(result.imported()).isEqualTo(4);
        Subscriber grete = member("grete.koehler@example.de");
        assertThat(grete.name()).isEqualTo("Grete Köhler");
        assertThat(grete.topics()).containsExactlyInAnyOrder("verein", "termine");
        assertThat(grete.cadence()).isEqualTo(Cadence.WEEKLY);
        Subscriber juergen = member("jürgen@example.de");
        assertThat(juergen.name()).isEqualTo("Jürgen Weiß");
        assertThat(juergen.cadence()).isEqualTo(Cadence.DAILY);
        assertThat(member("kasse@example.de").name()).isEqualTo("Kassenwart „Kalle“ Müller – 5 €");
        assertThat(member("anne@example.org").language()).isEqualTo("en");
    }

    @Test
    void aWindowsFileIsReportedAsGuessedSoTheCommandCanSaySo() throws IOException {
        var ansi = CsvEncoding.open(new ByteArrayInputStream(fixture("excel-german-ansi.csv")), null);
        var bom = CsvEncoding.open(new ByteArrayInputStream(fixture("excel-german-utf8-bom.csv")), null);

        assertThat(ansi.charset()).isEqualTo(CsvEncoding.WINDOWS_1252);
        assertThat(ansi.guessed()).isTrue();
        assertThat(bom.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(bom.guessed()).isFalse();
    }

    @Test
    void utf8ChosenForAWindowsFileStopsAtTheFirstUmlautWithAHintAndStoresNothingGarbled() throws IOException {
        assertThatThrownBy(() -> importBytes(app, fixture("excel-german-ansi.csv"), StandardCharsets.UTF_8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageContaining("not valid UTF-8")
                .hasMessageContaining("--encoding windows-1252");
        long[] n = {0};
        app.subscribers.forEach(s -> n[0]++);
        assertThat(n[0]).isZero();
    }

    @Test
    void aWindowsByteAfterTheSniffedStartStopsWithItsLineInsteadOfImportingGarble() {
        var csv = new ByteArrayOutputStream();
        csv.writeBytes("email;name\r\n".getBytes(StandardCharsets.UTF_8));
        int rows = 0;
        while (csv.size() < CsvEncoding.SNIFF) {
            csv.writeBytes(("m" + rows++ + "@example.org;Mitglied\r\n").getBytes(StandardCharsets.UTF_8));
        }
        csv.writeBytes("late@example.org;Grete K".getBytes(StandardCharsets.UTF_8));
        csv.write(0xF6); // ö in Windows-1252
        csv.writeBytes("hler\r\n".getBytes(StandardCharsets.UTF_8));
        long badLine = rows + 2;

        assertThatThrownBy(() -> importBytes(app, csv.toByteArray(), null))
                .hasMessageContaining("line " + badLine + ": the file is not valid UTF-8")
                .hasMessageContaining("--encoding windows-1252");
        assertThat(app.subscribers.byEmail(EmailAddress.parse("late@example.org"))).isEmpty();
    }

    @Test
    void aHeaderWithoutAnEmailColumnNamesWhatItFoundAndWhatToCallIt() {
        byte[] csv = "Mitglied;Vorname;Ort\r\nx@example.org;X;Talblick\r\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> importBytes(app, csv, null))
                .hasMessageContaining("line 1: no e-mail column")
                .hasMessageContaining("\"Mitglied\", \"Vorname\", \"Ort\" (separated by ';')")
                .hasMessageContaining("'E-Mail'");
    }

    @Test
    void aHeaderOfOneColumnHintsAtTheSeparator() {
        byte[] csv = "Adresse|Name\r\nx@example.org|X\r\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> importBytes(app, csv, null)).hasMessageContaining("Only one column was found");
    }

    @Test
    void headerNamesIgnoreCaseSpacesAndHyphensAndTopicsTakeCommasToo() throws IOException {
        byte[] csv = " E-MAIL ,\tSPRACHE\t, themen ,Häufigkeit\nx@example.org,en,\"verein, termine\",Sofort\n"
                .getBytes(StandardCharsets.UTF_8);

        importBytes(app, csv, null);

        assertThat(rejections).isEmpty();
        Subscriber x = member("x@example.org");
        assertThat(x.language()).isEqualTo("en");
        assertThat(x.topics()).containsExactlyInAnyOrder("verein", "termine");
        assertThat(x.cadence()).isEqualTo(Cadence.IMMEDIATE);
    }

    @Test
    void theExcelExportIsWhatExcelOpensAndImportsBackUnchanged() throws IOException {
        importBytes(app, fixture("excel-german-ansi.csv"), null);
        byte[] first = export(app);

        assertThat(first).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(first, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFE-Mail;Name;Sprache;Themen;Rhythmus;Status;Angemeldet am;Bestätigt am\r\n")
                .contains("grete.koehler@example.de;Grete Köhler;de;");

        try (App other = TestApps.app(dir.resolve("b"), clock)) {
            var again = importBytes(other, first, null);
            assertThat(again.imported()).isEqualTo(4);
            assertThat(rejections).isEmpty();
            assertThat(export(other)).isEqualTo(first);
        }
    }

    static byte[] export(App from) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            from.subscriberExport.csv(w, SubscriberExport.Layout.EXCEL);
        }
        return bytes.toByteArray();
    }
}
