package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.admin.AuditLog;
import org.rundbrief.admin.Role;

/** With {@code admin.approval: true} over the API: an editor's draft is sent only after a publisher's release. */
class EditionApprovalTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    AdminHarness h;
    String editor;
    String publisher;

    @BeforeEach
    void start() throws Exception {
        h = new AdminHarness(dir, AdminHarness.TOKEN, Map.of("RUNDBRIEF_ADMIN_APPROVAL", "true"));
        h.seedDailyEdition();
        editor = token(h.user("redaktion@example.org", Role.EDITOR, "Redaktion-2026").id());
        publisher = token(h.user("vorstand@example.org", Role.PUBLISHER, "Vorstand-2026").id());
    }

    private String token(long userId) {
        return h.app.accounts.createToken(AuditLog.Actor.CLI, userId, "test");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private JsonNode call(String method, String path, String token) throws Exception {
        return JSON.readTree(h.call(method, path, token, method.equals("POST") && path.equals("/api/editions")
                ? "{\"cadence\":\"daily\"}" : null).body());
    }

    @Test
    void anEditorsDraftIsSentOnlyAfterAPublishersApproval() throws Exception {
        JsonNode draft = call("POST", "/api/editions", editor);
        long id = draft.get("id").asLong();
        assertThat(draft.get("draftedBy").asText()).isEqualTo("redaktion@example.org");
        assertThat(draft.get("waitsForApproval").asBoolean()).isTrue();

        HttpResponse<String> early = h.call("POST", "/api/editions/" + id + "/send", publisher, null);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.body()).contains("waits for a publisher's approval");
        assertThat(h.call("POST", "/api/editions/" + id + "/approve", editor, null).statusCode()).isEqualTo(403);

        JsonNode approved = JSON.readTree(h.call("POST", "/api/editions/" + id + "/approve", publisher, null).body());
        assertThat(approved.get("approvedBy").asText()).isEqualTo("vorstand@example.org");
        assertThat(h.call("POST", "/api/editions/" + id + "/approve", publisher, null).statusCode())
                .as("approved once").isEqualTo(409);
        assertThat(h.call("POST", "/api/editions/" + id + "/send", publisher, null).statusCode()).isEqualTo(202);
        assertThat(h.app.audit.recent(20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("edition.approve");
            assertThat(e.actor()).isEqualTo("vorstand@example.org");
            assertThat(e.detail()).isEqualTo("drafted by redaktion@example.org");
        });
    }

    @Test
    void aPublisherWhoseOpenPageIsOlderThanTheEditorsLastTextsCannotApproveThemUnread() throws Exception {
        long id = call("POST", "/api/editions", editor).get("id").asLong();
        String session = h.login("vorstand@example.org", "Vorstand-2026");
        String page = h.page("GET", "/admin/editions/" + id, session, null).body();

        // the editor changes the introduction while the publisher reads the page
        HttpResponse<String> texts = h.call("PUT", "/api/editions/" + id, editor, "{\"intro\":\"Spendenaufruf: Bitte überweisen Sie …\"}");
        assertThat(texts.statusCode()).as(texts.body()).isEqualTo(200);

        AdminHarness.Page refused = h.page("POST", "/admin/editions/" + id + "/approve", session,
                AdminHarness.form("csrf", AdminHarness.csrf(page), "revision", revision(page)));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("id=\"error\"").contains("die Ausgabe wurde nicht freigegeben")
                .contains("Spendenaufruf: Bitte überweisen Sie");
        assertThat(call("GET", "/api/editions/" + id, publisher).get("waitsForApproval").asBoolean()).isTrue();
        assertThat(h.call("POST", "/api/editions/" + id + "/send", publisher, null).statusCode()).isEqualTo(409);

        // read again: the page she got back approves what it shows
        AdminHarness.Page approved = h.page("POST", "/admin/editions/" + id + "/approve", session,
                AdminHarness.form("csrf", AdminHarness.csrf(refused.body()), "revision", revision(refused.body())));
        assertThat(approved.status()).as(approved.body()).isEqualTo(302);
        assertThat(call("GET", "/api/editions/" + id, publisher).get("approvedBy").asText()).isEqualTo("vorstand@example.org");
    }

    @Test
    void anApprovalOverTheApiNamesTheRevisionItRead() throws Exception {
        JsonNode draft = call("POST", "/api/editions", editor);
        long id = draft.get("id").asLong();
        String read = draft.get("textsRevision").asText();
        assertThat(h.call("PUT", "/api/editions/" + id, editor, "{\"subject\":\"Neuer Betreff\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> stale = h.call("POST", "/api/editions/" + id + "/approve", publisher, "{\"revision\":\"" + read + "\"}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("(its subject and introduction) was changed after the revision");
        String now = call("GET", "/api/editions/" + id, publisher).get("textsRevision").asText();
        HttpResponse<String> ok = h.call("POST", "/api/editions/" + id + "/approve", publisher, "{\"revision\":\"" + now + "\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }

    private static String revision(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "action=\"/admin/editions/\\d+/approve\"><input type=\"hidden\" name=\"csrf\" value=\"[^\"]*\"><input type=\"hidden\" name=\"revision\" value=\"([0-9a-f]+)\"")
                .matcher(page);
        assertThat(m.find()).as("the approve form carries the texts' revision: " + page).isTrue();
        return m.group(1);
    }

    @Test
    void aPublishersOwnDraftNeedsNoApprovalButNobodyApprovesTheirOwnDraft() throws Exception {
        JsonNode draft = call("POST", "/api/editions", publisher);
        assertThat(draft.get("waitsForApproval").asBoolean()).isFalse();
        long id = draft.get("id").asLong();
        assertThat(h.call("POST", "/api/editions/" + id + "/approve", publisher, null).statusCode()).isEqualTo(409);
        assertThat(h.call("POST", "/api/editions/" + id + "/send", publisher, null).statusCode()).isEqualTo(202);
    }

    @Test
    void aPreviewAsAMemberShowsThatMembersMessageAndNamesAnAddressWithoutOne() throws Exception {
        long id = call("POST", "/api/editions", editor).get("id").asLong();
        JsonNode joerg = JSON.readTree(h.call("GET", "/api/editions/" + id + "/preview?as=Joerg@Example.net", editor, null).body());
        assertThat(joerg.get("to").asText()).isEqualTo("joerg@example.net");
        HttpResponse<String> stranger = h.call("GET", "/api/editions/" + id + "/preview?as=fremd@example.org", editor, null);
        assertThat(stranger.statusCode()).isEqualTo(404);
        assertThat(stranger.body()).contains("no message for fremd@example.org");
        assertThat(h.call("GET", "/api/editions/" + id + "/preview?as=kaputt", editor, null).statusCode()).isEqualTo(400);
    }

    @Test
    void aTestSendGoesOnlyToTheUsersOwnAddressAndNeedsAUserAccount() throws Exception {
        long id = call("POST", "/api/editions", editor).get("id").asLong();
        HttpResponse<String> sent = h.call("POST", "/api/editions/" + id + "/test", editor, null);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(h.mail.getReceivedMessages()).hasSize(1);
        var m = h.mail.getReceivedMessages()[0];
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("redaktion@example.org");
        assertThat(m.getSubject()).startsWith("[TEST] ");
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(m);
        assertThat(body).doesNotContain("/unsubscribe/").doesNotContain("/preferences/");
        assertThat(h.api("POST", "/api/editions/" + id + "/test", null).statusCode()).isEqualTo(409);
        assertThat(h.app.editionDesk.view(id).orElseThrow().progress().sent()).isZero();
    }

    @Test
    void anEditionGetsItsOwnSubjectAndASanitizedIntroductionAndAChangeNeedsANewApproval() throws Exception {
        long id = call("POST", "/api/editions", editor).get("id").asLong();
        assertThat(h.call("POST", "/api/editions/" + id + "/approve", publisher, null).statusCode()).isEqualTo(200);
        HttpResponse<String> put = h.call("PUT", "/api/editions/" + id, editor, """
                {"subject":"Sommerfest: „Grillen & Gießen“ – wir sehen uns!",
                 "intro":"Liebe Mitglieder,\\n\\n**endlich** ist es so weit.<script>alert(1)</script>"}""");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(JSON.readTree(put.body()).get("waitsForApproval").asBoolean()).as("the change needs a new approval").isTrue();

        JsonNode preview = JSON.readTree(h.call("GET", "/api/editions/" + id + "/preview", editor, null).body());
        assertThat(preview.get("subject").asText()).isEqualTo("Sommerfest: „Grillen & Gießen“ – wir sehen uns!");
        assertThat(preview.get("html").asText()).contains("<strong>endlich</strong>").doesNotContain("<script");
        assertThat(preview.get("text").asText()).contains("Liebe Mitglieder,");

        HttpResponse<String> twoLines = h.call("PUT", "/api/editions/" + id, editor, "{\"subject\":\"a\\r\\nBcc: x@example.org\"}");
        assertThat(twoLines.statusCode()).isEqualTo(400);
        assertThat(h.app.editionDesk.view(id).orElseThrow().edition().texts().subject()).startsWith("Sommerfest");

        assertThat(h.call("POST", "/api/editions/" + id + "/approve", publisher, null).statusCode()).isEqualTo(200);
        assertThat(h.call("POST", "/api/editions/" + id + "/send", publisher, null).statusCode()).isEqualTo(202);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> h.app.editionDesk.view(id).orElseThrow().edition().status().id().equals("done"));
        assertThat(h.mail.getReceivedMessages()).isNotEmpty();
        assertThat(h.mail.getReceivedMessages()[0].getSubject()).isEqualTo("Sommerfest: „Grillen & Gießen“ – wir sehen uns!");
        assertThat(h.call("PUT", "/api/editions/" + id, editor, "{\"subject\":\"zu spät\"}").statusCode()).isEqualTo(409);
    }
}
