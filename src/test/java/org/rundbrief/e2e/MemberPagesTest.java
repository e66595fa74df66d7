package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rundbrief.e2e.AdminHarness.csrf;
import static org.rundbrief.e2e.AdminHarness.form;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rundbrief.admin.AdminStore;
import org.rundbrief.admin.Role;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Subscriber;

/**
 * Members managed on the admin pages by a publisher, over real HTTP: add, edit, unsubscribe,
 * forget, the CSV upload with its row report, export, paging, the suppression list; every bad
 * input answers with a message saying what to fix and changes nothing.
 */
class MemberPagesTest extends SignedInAdmin {
    String token;

    MemberPagesTest() {
        super("vorstand@example.org", Role.PUBLISHER, "Vorstand-2026");
    }

    @BeforeEach
    void openForm() throws Exception {
        token = csrf(h.page("GET", "/admin/subscribers/new", session, null).body());
    }

    private Optional<Subscriber> member(String email) {
        return h.app.subscribers.byEmail(EmailAddress.parse(email));
    }

    private AdminHarness.Page add(String... fields) throws Exception {
        String[] all = new String[fields.length + 2];
        all[0] = "csrf";
        all[1] = token;
        System.arraycopy(fields, 0, all, 2, fields.length);
        return h.page("POST", "/admin/subscribers", session, form(all));
    }

    private List<String> auditActions() {
        return h.app.audit.recent(50).stream().filter(e -> "vorstand@example.org".equals(e.actor()))
                .map(e -> e.action()).toList();
    }

    @Test
    void aPublisherAddsEditsUnsubscribesAndForgetsAMemberEachAudited() throws Exception {
        AdminHarness.Page added = add("email", "grete@example.org", "name", "Grete Köhler", "language", "de",
                "cadence", "daily", "topics", "verein", "note", "Aufnahmeantrag vom 3. März");
        assertThat(added.status()).as(added.body()).isEqualTo(302);
        Subscriber grete = member("grete@example.org").orElseThrow();
        assertThat(grete.status()).isEqualTo(Subscriber.Status.CONFIRMED);
        assertThat(grete.topics()).containsExactly("verein");
        String page = h.page("GET", added.location(), session, null).body();
        assertThat(page).contains("Das Mitglied ist eingetragen", "bestätigt", "täglich", "von der Verwaltung eingetragen",
                "Aufnahmeantrag vom 3. März").doesNotContain(">confirmed<", ">daily<", "added_confirmed");

        AdminHarness.Page edited = h.page("POST", "/admin/subscribers/" + grete.id(), session, form("csrf", token,
                "name", "Grete K.", "language", "en", "cadence", "weekly", "topics", "termine", "topics", "verein"));
        assertThat(edited.status()).isEqualTo(302);
        Subscriber after = member("grete@example.org").orElseThrow();
        assertThat(after.name()).isEqualTo("Grete K.");
        assertThat(after.language()).isEqualTo("en");
        assertThat(after.cadence().id()).isEqualTo("weekly");
        assertThat(after.topics()).containsExactlyInAnyOrder("termine", "verein");

        assertThat(h.page("POST", "/admin/subscribers/" + grete.id() + "/unsubscribe", session, form("csrf", token)).status())
                .isEqualTo(302);
        assertThat(member("grete@example.org").orElseThrow().status()).isEqualTo(Subscriber.Status.UNSUBSCRIBED);

        String confirm = h.page("GET", "/admin/subscribers/" + grete.id() + "/forget", session, null).body();
        assertThat(confirm).contains("grete@example.org", "nicht rückgängig");
        assertThat(member("grete@example.org")).as("showing the confirmation changes nothing").isPresent();
        assertThat(h.page("POST", "/admin/subscribers/" + grete.id() + "/forget", session, form("csrf", token)).status())
                .isEqualTo(302);
        assertThat(member("grete@example.org")).isEmpty();
        assertThat(h.app.subscriberService.suppressed(EmailAddress.parse("grete@example.org"))).isTrue();
        assertThat(auditActions()).contains("subscriber.add", "subscriber.update", "subscriber.remove", "subscriber.forget");
        assertThat(h.mail.getReceivedMessages()).as("an admin's changes mail nobody").isEmpty();
    }

    @Test
    void aBadAddressAnUnknownTopicOrAMissingNoteIsExplainedAndAddsNobody() throws Exception {
        AdminHarness.Page badAddress = add("email", "kein-at-zeichen", "note", "Antrag");
        assertThat(badAddress.status()).isEqualTo(400);
        assertThat(badAddress.body()).contains("Die E-Mail-Adresse ist ungültig.").contains("value=\"kein-at-zeichen\"");

        AdminHarness.Page badTopic = add("email", "jonas@example.org", "topics", "fussball", "note", "Antrag");
        assertThat(badTopic.status()).isEqualTo(400);
        assertThat(badTopic.body()).contains("Unbekanntes Thema");

        AdminHarness.Page noNote = add("email", "jonas@example.org");
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.body()).contains("wie die Person eingewilligt hat");
        assertThat(member("jonas@example.org")).isEmpty();

        assertThat(add("email", "jonas@example.org", "note", "Antrag").status()).isEqualTo(302);
        AdminHarness.Page twice = add("email", "jonas@example.org", "name", "Anderer Name", "note", "Antrag");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body()).contains("jonas@example.org steht schon auf der Liste.");
        assertThat(member("jonas@example.org").orElseThrow().name()).isNull();

        long id = member("jonas@example.org").orElseThrow().id();
        AdminHarness.Page badEdit = h.page("POST", "/admin/subscribers/" + id, session, form("csrf", token,
                "name", "Jonas", "topics", "fussball", "cadence", "daily"));
        assertThat(badEdit.status()).isEqualTo(400);
        assertThat(badEdit.body()).contains("Unbekanntes Thema");
        assertThat(member("jonas@example.org").orElseThrow().cadence().id()).isEqualTo("weekly");
        assertThat(member("jonas@example.org").orElseThrow().name()).isNull();
    }

    @Test
    void formsWithoutTheCsrfTokenOrFromAnEditorChangeNothing() throws Exception {
        assertThat(h.page("POST", "/admin/subscribers", session, form("email", "x@example.org", "note", "n")).status())
                .isEqualTo(403);
        h.user("redaktion@example.org", Role.EDITOR, "Redaktion-2026");
        String editor = h.login("redaktion@example.org", "Redaktion-2026");
        String editorToken = csrf(h.page("GET", "/admin/articles/new", editor, null).body());
        assertThat(h.page("GET", "/admin/subscribers", editor, null).status()).isEqualTo(403);
        assertThat(h.page("POST", "/admin/subscribers", editor, form("csrf", editorToken, "email", "x@example.org",
                "note", "n")).status()).isEqualTo(403);
        assertThat(h.page("GET", "/admin/suppressions", editor, null).status()).isEqualTo(403);
        assertThat(member("x@example.org")).isEmpty();
    }

    @Test
    void aCsvWithBadRowsImportsTheGoodOnesAndReportsEachBadLineWithWhatToFix() throws Exception {
        byte[] csv = Files.readAllBytes(Path.of("src/test/resources/subscribers/members-with-errors.csv"));
        AdminHarness.Page report = h.upload("/admin/subscribers/import", session,
                fields("csrf", token, "confirmed", "on", "note", "Mitgliederliste 2026"), "mitglieder.csv", csv);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("mitglieder.csv: 7 Zeilen – 1 eingetragen, 0 schon auf der Liste, 0 gesperrt, 6 fehlerhaft.")
                .contains("<td>3</td>", "<td>4</td>", "<td>5</td>", "<td>6</td>", "<td>7</td>", "<td>8</td>")
                .contains("Doppelt: dieselbe Adresse wie in Zeile 2 (valid.one@example.org).")
                .contains("Unbekannte Sprache „xx“ (möglich: de, en).").doesNotContain("duplicate of", "unknown language");
        assertThat(member("valid.one@example.org").orElseThrow().status()).isEqualTo(Subscriber.Status.CONFIRMED);
        assertThat(member("valid.two@example.org")).isEmpty();
        assertThat(auditActions()).contains("subscriber.import");

        // the same upload again adds nothing twice
        AdminHarness.Page again = h.upload("/admin/subscribers/import", session,
                fields("csrf", token, "confirmed", "on", "note", "Mitgliederliste 2026"), "mitglieder.csv", csv);
        assertThat(again.body()).contains("0 eingetragen, 1 schon auf der Liste");
    }

    /** Issue #22: the per-row reasons were English on German pages; every kind of bad row has its German text. */
    @Test
    void aGermanPageNamesEveryKindOfBadRowInGerman() throws Exception {
        String csv = "email,name,language,topics,frequency\n"
                + "gut@example.org,,,,\n"
                + ",Ohne Adresse,,,\n"
                + "kein-at-zeichen,,,,\n"
                + "\"leer zeichen@example.org\",,,,\n"
                + "x@exa_mple.org,,,,\n"
                + "x@localhost,,,,\n"
                + "a".repeat(250) + "@example.org,,,,\n"
                + "\"evil@example.org\r\nBcc: victim@example.com\",,,,\n"
                + "gut@example.org,Doppelt,,,\n"
                + "lang@example.org," + "n".repeat(201) + ",,,\n"
                + "umbruch@example.org,\"Zeile\neins\",,,\n"
                + "sprache@example.org,,xx,,\n"
                + "tab@example.org,,\"d\te\",,\n"
                + "thema@example.org,,,fussball,\n"
                + "themen@example.org,,,\"ver\tein\",\n"
                + "rhythmus@example.org,,,,hourly\n"
                + "takt@example.org,,,,\"week\tly\"\n";
        AdminHarness.Page report = h.upload("/admin/subscribers/import", session,
                fields("csrf", token, "confirmed", "on", "note", "Mitgliederliste 2026"), "mitglieder.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("1 eingetragen", "16 fehlerhaft")
                .contains("Die E-Mail-Adresse fehlt.", "„kein-at-zeichen“ ist keine E-Mail-Adresse (erwartet: name@domain.de).",
                        "„leer zeichen@example.org“: Der Teil vor dem @ enthält unzulässige Zeichen.",
                        "„x@exa_mple.org“: Der Teil nach dem @ ist keine gültige Domain.",
                        "„x@localhost“: Der Domain nach dem @ fehlt die Endung (etwa .de).",
                        "Die E-Mail-Adresse ist länger als 254 Zeichen.",
                        "Die E-Mail-Adresse enthält einen Zeilenumbruch oder ein Steuerzeichen.",
                        "Doppelt: dieselbe Adresse wie in Zeile 2 (gut@example.org).",
                        "Der Name ist länger als 200 Zeichen.", "Der Name enthält einen Zeilenumbruch oder ein Steuerzeichen.",
                        "Unbekannte Sprache „xx“ (möglich: de, en).",
                        "Die Sprache enthält einen Zeilenumbruch oder ein Steuerzeichen.",
                        "Unbekanntes Thema „fussball“ (möglich: " + String.join(", ", h.app.config.topics().stream()
                                .map(org.rundbrief.config.Config.Topic::id).toList()) + ").",
                        "Die Themen enthalten einen Zeilenumbruch oder ein Steuerzeichen.",
                        "Unbekannter Rhythmus „hourly“ (möglich: sofort, täglich, wöchentlich).",
                        "Der Rhythmus enthält einen Zeilenumbruch oder ein Steuerzeichen.")
                .doesNotContain("duplicate", "unknown", "is not an email", "control character", "longer than");
        assertThat(member("gut@example.org")).isPresent();
        assertThat(member("thema@example.org")).isEmpty();
    }

    @Test
    void anExcelFileInWindows1252IsReadWithItsUmlautsAndSaysSo() throws Exception {
        byte[] csv = Files.readAllBytes(Path.of("src/test/resources/subscribers/excel-german-ansi.csv"));
        AdminHarness.Page report = h.upload("/admin/subscribers/import", session,
                fields("csrf", token, "confirmed", "on", "note", "Excel-Liste"), "excel.csv", csv);
        assertThat(report.body()).contains("als windows-1252 gelesen");
        assertThat(member("grete.koehler@example.de").orElseThrow().name()).isEqualTo("Grete Köhler");
    }

    @Test
    void anUnreadableFileOrAMissingNoteIsExplainedAndImportsNothing() throws Exception {
        AdminHarness.Page noEmailColumn = h.upload("/admin/subscribers/import", session,
                fields("csrf", token, "confirmed", "on", "note", "Liste"), "adressen.csv",
                "Name;Ort\nGrete;Bonn\n".getBytes(StandardCharsets.UTF_8));
        assertThat(noEmailColumn.status()).isEqualTo(400);
        assertThat(noEmailColumn.body()).contains("adressen.csv ließ sich nicht lesen", "no e-mail column");

        AdminHarness.Page noNote = h.upload("/admin/subscribers/import", session, fields("csrf", token, "confirmed", "on"),
                "liste.csv", "email\nanna@example.org\n".getBytes(StandardCharsets.UTF_8));
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.body()).contains("bitte angeben, wie");

        AdminHarness.Page noCsrf = h.upload("/admin/subscribers/import", session, fields("confirmed", "on", "note", "x"),
                "liste.csv", "email\nanna@example.org\n".getBytes(StandardCharsets.UTF_8));
        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(h.app.adminStore.membersAfter("", null, 0, 10)).isEmpty();
    }

    @Test
    void theListPagesByIdAndTheExportsStreamEveryone() throws Exception {
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < 120; i++) {
            csv.append(String.format("m%03d@example.org,Mitglied %d%n", i, i));
        }
        h.upload("/admin/subscribers/import", session, fields("csrf", token, "confirmed", "on", "note", "Liste"),
                "liste.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        String first = h.page("GET", "/admin/subscribers", session, null).body();
        assertThat(first).contains("m000@example.org", "m049@example.org").doesNotContain("m050@example.org");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"([^\"]*)\" id=\"next\"").matcher(first);
        assertThat(link.find()).as(first).isTrue();
        String next = link.group(1).replace("&amp;", "&");
        String second = h.page("GET", next, session, null).body();
        assertThat(second).contains("m050@example.org", "m099@example.org").doesNotContain("m049@example.org");
        assertThat(h.page("GET", "/admin/subscribers?q=m11", session, null).body())
                .contains("m110@example.org", "m119@example.org").doesNotContain("m010@example.org");
        // a member's whole address finds that member (from the index); an address nobody has searches its words
        assertThat(h.app.adminStore.membersAfter("M011@Example.org", null, 0, 10)).extracting(AdminStore.MemberRow::email)
                .containsExactly("m011@example.org");
        assertThat(h.app.adminStore.membersAfter("m11@example.org", null, 0, 3)).extracting(AdminStore.MemberRow::email)
                .containsExactly("m110@example.org", "m111@example.org", "m112@example.org");
        assertThat(h.app.adminStore.countMembers("m011@example.org", null)).isEqualTo(1);
        assertThat(h.app.adminStore.countMembers("m011@example.org", Subscriber.Status.PENDING)).isZero();

        AdminHarness.Page bad = h.page("GET", "/admin/subscribers?status=CONFIRMEDX", session, null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Unbekannter Status „CONFIRMEDX“").doesNotContain("org.rundbrief", "enum");

        String export = h.page("GET", "/admin/subscribers/export", session, null).body();
        assertThat(export.lines()).hasSize(121).first().asString().startsWith("email,name,language");
        String excel = h.page("GET", "/admin/subscribers/export?excel=true", session, null).body();
        assertThat(excel).startsWith("\uFEFFE-Mail;Name;Sprache");
        assertThat(auditActions()).contains("subscriber.export");
    }

    @Test
    void theSuppressionListShowsBouncesAndLiftsWithANoteInTheConsentLog() throws Exception {
        add("email", "weg@example.org", "note", "Antrag");
        Subscriber gone = member("weg@example.org").orElseThrow();
        h.app.subscriberService.hardBounce(gone.id(), "550 5.1.1 user unknown");
        add("email", "alt@example.org", "note", "Antrag");
        h.app.subscriberService.forget(EmailAddress.parse("alt@example.org"), org.rundbrief.subscriber.Actor.ADMIN);

        String list = h.page("GET", "/admin/suppressions", session, null).body();
        assertThat(list).contains("weg@example.org", "unzustellbar", "gesperrt", "gelöscht: 1", "unzustellbar: 1")
                .doesNotContain("alt@example.org", ">bounced<");

        AdminHarness.Page noNote = h.page("POST", "/admin/suppressions/lift", session, form("csrf", token,
                "email", "weg@example.org", "note", " "));
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.body()).contains("Bitte einen Grund angeben");
        AdminHarness.Page badAddress = h.page("POST", "/admin/suppressions/lift", session, form("csrf", token,
                "email", "weg-at-example.org", "note", "Irrtum"));
        assertThat(badAddress.status()).isEqualTo(400);
        assertThat(h.app.subscriberService.suppressed(EmailAddress.parse("weg@example.org"))).isTrue();

        AdminHarness.Page lifted = h.page("POST", "/admin/suppressions/lift", session, form("csrf", token,
                "email", "weg@example.org", "note", "Postfach wieder eingerichtet"));
        assertThat(lifted.status()).isEqualTo(302);
        assertThat(h.app.subscriberService.suppressed(EmailAddress.parse("weg@example.org"))).isFalse();
        assertThat(h.app.subscribers.consentLog(gone.id())).anySatisfy(c -> {
            assertThat(c.action()).isEqualTo("unsuppressed");
            assertThat(c.note()).isEqualTo("Postfach wieder eingerichtet");
        });
        assertThat(auditActions()).contains("subscriber.unsuppress");
        AdminHarness.Page notSuppressed = h.page("POST", "/admin/suppressions/lift", session, form("csrf", token,
                "email", "weg@example.org", "note", "noch einmal"));
        assertThat(notSuppressed.body()).contains("weg@example.org ist nicht gesperrt.");
        assertThat(h.page("POST", "/admin/suppressions/lift", session, form("csrf", token,
                "email", "alt@example.org", "note", "Person kam zurück")).status()).isEqualTo(302);
        assertThat(h.app.subscriberService.suppressed(EmailAddress.parse("alt@example.org"))).isFalse();
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
