package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rundbrief.e2e.AdminHarness.csrf;
import static org.rundbrief.e2e.AdminHarness.form;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A German site's admin pages say every status, cadence, job, consent step and role in German:
 * the visible text (tags and attributes removed) holds none of the stored ids, and an unknown
 * value in a form is refused in German, never with an enum's class name.
 */
class GermanAdminWordsTest {
    /** Ids that are stored or sent as such, and must not reach a German page's text. */
    static final String[] ENGLISH_IDS = {"confirmed", "pending", "unsubscribed", "immediate", "daily", "weekly",
            "paused", "sending", "planning", "send-daily", "send-weekly", "send-immediate", "collect",
            "imported_confirmed", "added_confirmed", "publisher", "editor"};

    @TempDir
    Path dir;
    AdminHarness h;
    String session;

    @BeforeEach
    void start() throws Exception {
        h = new AdminHarness(dir, AdminHarness.TOKEN);
        h.seedDailyEdition();
        session = h.login("", AdminHarness.TOKEN);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** What a reader sees: the page without its tags, attributes, style and scripts. */
    private String text(String path) throws Exception {
        AdminHarness.Page p = h.page("GET", path, session, null);
        assertThat(p.status()).as(path).isEqualTo(200);
        return p.body().replaceAll("(?s)<style>.*?</style>", " ").replaceAll("<[^>]*>", " ");
    }

    @Test
    void statusCadenceJobAndConsentWordsAreGerman() throws Exception {
        String token = csrf(h.page("GET", "/admin", session, null).body());
        h.upload("/admin/subscribers/import", session, Map.of("csrf", token, "confirmed", "on", "note", "Liste"),
                "liste.csv", "email,frequency\nimport@example.org,weekly\n".getBytes(StandardCharsets.UTF_8));
        AdminHarness.Page created = h.page("POST", "/admin/editions", session, form("csrf", token, "cadence", "daily"));
        assertThat(created.status()).isEqualTo(302);

        String dashboard = text("/admin");
        assertThat(dashboard).contains("bestätigt", "täglich", "angehalten", "Tagesausgabe senden", "Beiträge abrufen");
        String edition = text(created.location());
        assertThat(edition).contains("angehalten", "täglich");
        String members = text("/admin/subscribers");
        assertThat(members).contains("bestätigt", "täglich", "wöchentlich");
        long imported = h.app.subscribers.byEmail(org.rundbrief.mail.EmailAddress.parse("import@example.org")).orElseThrow().id();
        String member = text("/admin/subscribers/" + imported);
        assertThat(member).contains("importiert (Einwilligung liegt vor)", "Import", "Deutsch");
        for (String page : new String[] {dashboard, edition, members, member, text("/admin/suppressions")}) {
            for (String id : ENGLISH_IDS) {
                assertThat(page).as("a German page shows '%s'", id).doesNotContainPattern("(?<![\\w@.-])" + id + "(?![\\w@-])");
            }
        }
    }

    @Test
    void anUnknownValueIsRefusedInGermanWithoutAnEnumName() throws Exception {
        String token = csrf(h.page("GET", "/admin", session, null).body());
        AdminHarness.Page cadence = h.page("POST", "/admin/editions", session, form("csrf", token, "cadence", "stündlich"));
        assertThat(cadence.status()).isEqualTo(400);
        assertThat(cadence.body()).contains("Unbekannter Rhythmus.");
        AdminHarness.Page role = h.page("POST", "/admin/users", session, form("csrf", token, "email", "x@example.org",
                "role", "chef"));
        assertThat(role.status()).isEqualTo(400);
        assertThat(role.body()).contains("Unbekannte Rolle.");
        AdminHarness.Page status = h.page("GET", "/admin/subscribers?status=aktiv", session, null);
        assertThat(status.body()).contains("Unbekannter Status „aktiv“");
        AdminHarness.Page job = h.page("POST", "/admin/jobs/aufraeumen/run", session, form("csrf", token));
        assertThat(job.status()).isEqualTo(404);
        assertThat(job.body()).contains("Diese Aufgabe gibt es nicht.");
        for (AdminHarness.Page p : new AdminHarness.Page[] {cadence, role, status, job}) {
            assertThat(p.body()).doesNotContain("org.rundbrief", "No enum constant", "unknown");
        }
        assertThat(h.app.editionDesk.recent(0, 10)).isEmpty();
        assertThat(h.app.accounts.list()).isEmpty();
    }
}
