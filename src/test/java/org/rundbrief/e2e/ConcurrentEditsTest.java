package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rundbrief.e2e.AdminHarness.csrf;
import static org.rundbrief.e2e.AdminHarness.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rundbrief.admin.Role;
import org.rundbrief.article.Article;

/**
 * Two volunteers edit the same post, or the same edition's subject and introduction: the one who
 * saves second must not undo the other's edit without seeing it. Her save is refused (409), her
 * text stays on the page, the page names who saved meanwhile and shows that version; saving again
 * replaces it on purpose. The API does the same for a PUT that sends the revision it read.
 */
class ConcurrentEditsTest extends WithAdminHarness {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REVISION = Pattern.compile("name=\"revision\" value=\"([0-9a-f]+)\"");

    private String anna;
    private String bea;
    private long id;

    @BeforeEach
    void twoEditorsAndAPost() throws Exception {
        h.user("anna@verein.example", Role.EDITOR, "Anna-Vorstand-2026");
        h.user("bea@verein.example", Role.EDITOR, "Bea-Kasse-2026!");
        anna = h.login("anna@verein.example", "Anna-Vorstand-2026");
        bea = h.login("bea@verein.example", "Bea-Kasse-2026!");
        String token = csrf(h.page("GET", "/admin/articles/new", anna, null).body());
        AdminHarness.Page created = h.page("POST", "/admin/articles", anna, form("csrf", token,
                "title", "Sommerfest am Sonnenhang", "body", "Wir feiern am Samstag.", "language", "de"));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        id = stored().id();
    }

    @Test
    void theSecondSaveOfTwoOpenEditorsIsRefusedWithBothVersionsShownAndSavingAgainReplacesOnPurpose() throws Exception {
        String annasForm = h.page("GET", "/admin/articles/" + id, anna, null).body();
        String beasForm = h.page("GET", "/admin/articles/" + id, bea, null).body();
        assertThat(revision(annasForm)).isEqualTo(revision(beasForm)).isEqualTo(stored().revision());

        h.clock.advance(Duration.ofMinutes(3));
        AdminHarness.Page beaSaved = h.page("POST", "/admin/articles/" + id, bea, form("csrf", csrf(beasForm),
                "id", Long.toString(id), "revision", revision(beasForm), "title", "Sommerfest am Sonnenhang",
                "body", "Wir feiern am Samstag – ab 15 Uhr, bei Regen im Saal.", "language", "de"));
        assertThat(beaSaved.status()).as(beaSaved.body()).isEqualTo(302);

        h.clock.advance(Duration.ofMinutes(2));
        AdminHarness.Page annaRefused = h.page("POST", "/admin/articles/" + id, anna, form("csrf", csrf(annasForm),
                "id", Long.toString(id), "revision", revision(annasForm), "title", "Sommerfest abgesagt",
                "body", "Das Fest fällt leider aus.", "language", "de"));
        assertThat(annaRefused.status()).isEqualTo(409);
        assertThat(annaRefused.body())
                .contains("Dieser Beitrag wurde geändert, nachdem Sie ihn geöffnet hatten (zuletzt gespeichert von bea@verein.example, ")
                .contains("Ihre Änderungen sind nicht gespeichert")
                .contains("value=\"Sommerfest abgesagt\"").contains("Das Fest fällt leider aus.")
                .contains("id=\"stored\"").contains("ab 15 Uhr, bei Regen im Saal.");
        assertThat(stored().title()).as("Bea's edit stands").isEqualTo("Sommerfest am Sonnenhang");
        assertThat(stored().contentText()).contains("bei Regen im Saal");
        assertThat(h.app.audit.recent(10)).filteredOn(e -> e.action().equals("article.update"))
                .extracting(e -> e.actor()).containsExactly("bea@verein.example");

        // Anna has read Bea's version and saves hers from the form she got back: now it replaces Bea's
        AdminHarness.Page annaSaved = h.page("POST", "/admin/articles/" + id, anna, form("csrf", csrf(annaRefused.body()),
                "id", Long.toString(id), "revision", revision(annaRefused.body()), "title", "Sommerfest abgesagt",
                "body", "Das Fest fällt leider aus.", "language", "de"));
        assertThat(annaSaved.status()).as(annaSaved.body()).isEqualTo(302);
        assertThat(stored().title()).isEqualTo("Sommerfest abgesagt");
        assertThat(stored().id()).isEqualTo(id);
    }

    @Test
    void aPostDeletedWhileOpenComesBackAsANewPostWithWhatWasTyped() throws Exception {
        String annasForm = h.page("GET", "/admin/articles/" + id, anna, null).body();
        String beasForm = h.page("GET", "/admin/articles/" + id, bea, null).body();
        assertThat(h.page("POST", "/admin/articles/" + id + "/delete", bea, form("csrf", csrf(beasForm))).status()).isEqualTo(302);

        AdminHarness.Page refused = h.page("POST", "/admin/articles/" + id, anna, form("csrf", csrf(annasForm),
                "id", Long.toString(id), "revision", revision(annasForm), "title", "Sommerfest verschoben",
                "body", "Neuer Termin: 12. Juli.", "language", "de"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("wurde gelöscht, während Sie ihn bearbeitet haben")
                .contains("action=\"/admin/articles\"").contains("value=\"Sommerfest verschoben\"").contains("Neuer Termin: 12. Juli.");
        assertThat(h.app.articles.recent(10, Optional.empty())).as("nothing is stored").isEmpty();

        AdminHarness.Page saved = h.page("POST", "/admin/articles", anna, form("csrf", csrf(refused.body()),
                "title", "Sommerfest verschoben", "body", "Neuer Termin: 12. Juli.", "language", "de"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(stored().title()).isEqualTo("Sommerfest verschoben");
    }

    @Test
    void aPreviewKeepsTheRevisionTheEditWasMadeOn() throws Exception {
        String annasForm = h.page("GET", "/admin/articles/" + id, anna, null).body();
        AdminHarness.Page preview = h.page("POST", "/admin/articles/preview", anna, form("csrf", csrf(annasForm),
                "id", Long.toString(id), "revision", revision(annasForm), "title", "Sommerfest", "body", "Vorschau", "language", "de"));
        assertThat(revision(preview.body())).isEqualTo(revision(annasForm));
    }

    @Test
    void aPutWithAnOldRevisionIsRefusedAndOneWithoutARevisionSavesAsBefore() throws Exception {
        String revision = JSON.readTree(h.api("GET", "/api/articles", null).body()).get(0).get("revision").asText();
        assertThat(revision).isEqualTo(stored().revision());
        JsonNode one = JSON.readTree(h.api("GET", "/api/articles/" + id, null).body());
        assertThat(one.get("revision").asText()).isEqualTo(revision);
        assertThat(one.get("hidden").asBoolean()).isFalse();
        assertThat(h.api("GET", "/api/articles/" + (id + 1000), null).statusCode()).isEqualTo(404);

        String beasForm = h.page("GET", "/admin/articles/" + id, bea, null).body();
        h.clock.advance(Duration.ofMinutes(1));
        assertThat(h.page("POST", "/admin/articles/" + id, bea, form("csrf", csrf(beasForm), "id", Long.toString(id),
                "revision", revision(beasForm), "title", "Sommerfest – neuer Termin", "language", "de")).status()).isEqualTo(302);

        HttpResponse<String> refused = h.api("PUT", "/api/articles/" + id,
                "{\"title\":\"Sommerfest per API\",\"html\":\"<p>x</p>\",\"revision\":\"" + revision + "\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("was changed after the revision this edit was made on (last saved by bea@verein.example at ")
                .contains(stored().revision());
        assertThat(stored().title()).isEqualTo("Sommerfest – neuer Termin");

        HttpResponse<String> current = h.api("PUT", "/api/articles/" + id,
                "{\"title\":\"Sommerfest per API\",\"html\":\"<p>x</p>\",\"revision\":\"" + stored().revision() + "\"}");
        assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        JsonNode saved = JSON.readTree(current.body());
        assertThat(saved.get("title").asText()).isEqualTo("Sommerfest per API");
        assertThat(saved.get("revision").asText()).isEqualTo(stored().revision()).isNotEqualTo(revision);

        HttpResponse<String> blind = h.api("PUT", "/api/articles/" + id, "{\"title\":\"Ohne Revision\",\"html\":\"<p>y</p>\"}");
        assertThat(blind.statusCode()).as("a script that sends no revision saves as before").isEqualTo(200);
        assertThat(stored().title()).isEqualTo("Ohne Revision");
    }

    @Test
    void theSecondSaveOfAnEditionsIntroIsRefusedAndKeepsWhatWasTyped() throws Exception {
        h.seedDailyEdition();
        HttpResponse<String> created = h.api("POST", "/api/editions", "{\"cadence\":\"daily\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long edition = JSON.readTree(created.body()).get("id").asLong();
        String annasPage = h.page("GET", "/admin/editions/" + edition, anna, null).body();
        String beasPage = h.page("GET", "/admin/editions/" + edition, bea, null).body();

        AdminHarness.Page beaSaved = h.page("POST", "/admin/editions/" + edition + "/texts", bea, form("csrf", csrf(beasPage),
                "revision", revision(beasPage), "subject", "Neues vom Sonnenhang", "intro", "Liebe Mitglieder, das Fest steigt!"));
        assertThat(beaSaved.status()).as(beaSaved.body()).isEqualTo(302);

        AdminHarness.Page annaRefused = h.page("POST", "/admin/editions/" + edition + "/texts", anna, form("csrf", csrf(annasPage),
                "revision", revision(annasPage), "subject", "Sommerfest-Ausgabe", "intro", "Hallo zusammen – „Grillen & Gießen“!"));
        assertThat(annaRefused.status()).isEqualTo(409);
        assertThat(annaRefused.body()).contains("id=\"texts-not-saved\"")
                .contains("bea@verein.example hat Betreff und Einleitung gespeichert (")
                .contains("Sommerfest-Ausgabe").contains("Hallo zusammen – „Grillen &amp; Gießen“!")
                .contains("value=\"Neues vom Sonnenhang\"");
        var texts = h.app.editionDesk.view(edition).orElseThrow().edition().texts();
        assertThat(texts.subject()).as("Bea's texts stand").isEqualTo("Neues vom Sonnenhang");
        assertThat(texts.introMarkdown()).isEqualTo("Liebe Mitglieder, das Fest steigt!");

        HttpResponse<String> stale = h.api("PUT", "/api/editions/" + edition,
                "{\"subject\":\"Per API\",\"revision\":\"" + revision(annasPage) + "\"}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body())
                .contains("edition " + edition + " (its subject and introduction) was changed after the revision this edit was made on")
                .contains("(last saved by bea@verein.example at ");
        String current = JSON.readTree(h.api("GET", "/api/editions/" + edition, null).body()).get("textsRevision").asText();
        HttpResponse<String> fresh = h.api("PUT", "/api/editions/" + edition, "{\"subject\":\"Per API\",\"revision\":\"" + current + "\"}");
        assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
        assertThat(h.app.editionDesk.view(edition).orElseThrow().edition().texts().subject()).isEqualTo("Per API");
    }

    @Test
    void aPublisherSendsOnlyTheTextsSheRead() throws Exception {
        h.seedDailyEdition();
        h.user("vorstand@verein.example", Role.PUBLISHER, "Vorstand-Sonnenhang-2026");
        String publisher = h.login("vorstand@verein.example", "Vorstand-Sonnenhang-2026");
        long edition = JSON.readTree(h.api("POST", "/api/editions", "{\"cadence\":\"daily\"}").body()).get("id").asLong();
        String page = h.page("GET", "/admin/editions/" + edition, publisher, null).body();
        Matcher link = Pattern.compile("href=\"(/admin/editions/\\d+/confirm\\?revision=[0-9a-f]+)\"").matcher(page);
        assertThat(link.find()).as(page).isTrue();

        // Bea writes an introduction while the publisher reads the edition and asks to send it
        String beasPage = h.page("GET", "/admin/editions/" + edition, bea, null).body();
        assertThat(h.page("POST", "/admin/editions/" + edition + "/texts", bea, form("csrf", csrf(beasPage),
                "revision", revision(beasPage), "intro", "Achtung: Termin noch unbestätigt!")).status()).isEqualTo(302);
        String confirm = h.page("GET", link.group(1), publisher, null).body();
        AdminHarness.Page refused = h.page("POST", "/admin/editions/" + edition + "/send", publisher,
                form("csrf", csrf(confirm), "revision", revision(confirm)));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("die Ausgabe wurde nicht versendet").contains("Achtung: Termin noch unbestätigt!");
        assertThat(h.app.editionDesk.view(edition).orElseThrow().edition().status().id()).isEqualTo("paused");
        assertThat(h.mail.getReceivedMessages()).isEmpty();

        Matcher again = Pattern.compile("href=\"(/admin/editions/\\d+/confirm\\?revision=[0-9a-f]+)\"").matcher(refused.body());
        assertThat(again.find()).isTrue();
        String confirmAgain = h.page("GET", again.group(1), publisher, null).body();
        AdminHarness.Page sent = h.page("POST", "/admin/editions/" + edition + "/send", publisher,
                form("csrf", csrf(confirmAgain), "revision", revision(confirmAgain)));
        assertThat(sent.status()).as(sent.body()).isEqualTo(302);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> h.mail.getReceivedMessages().length == 3);
    }

    private Article stored() {
        return h.app.articles.recent(10, Optional.empty()).get(0);
    }

    private static String revision(String page) {
        Matcher m = REVISION.matcher(page);
        assertThat(m.find()).as("the form carries the revision it was opened on: " + page).isTrue();
        return m.group(1);
    }
}
