package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rundbrief.e2e.AdminHarness.csrf;
import static org.rundbrief.e2e.AdminHarness.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rundbrief.admin.Accounts;
import org.rundbrief.admin.AuditLog;
import org.rundbrief.admin.Role;
import org.rundbrief.admin.Sessions;

/**
 * Admin users over real HTTP: roles on the API and the pages, personal API tokens (revoked: 401),
 * invitation links (expired, too short a password), sessions in the database (a restart keeps
 * them, a removed user's cookie is worthless, "log out everywhere"), and the audit log naming
 * the person.
 */
class AdminAccountsTest extends WithAdminHarness {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "Sonnenhang-2026";

    private String tokenOf(String email) {
        return h.app.accounts.createToken(AuditLog.Actor.CLI, h.app.accounts.byEmail(email).id(), "Skript");
    }

    @Test
    void anEditorsTokenMayDraftButGets403OnSendAndOnUserManagement() throws Exception {
        h.seedDailyEdition();
        h.user("redaktion@example.org", Role.EDITOR, PASSWORD);
        String editor = tokenOf("redaktion@example.org");

        HttpResponse<String> created = h.call("POST", "/api/editions", editor, "{\"cadence\":\"daily\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = JSON.readTree(created.body()).get("id").asLong();

        HttpResponse<String> send = h.call("POST", "/api/editions/" + id + "/send", editor, null);
        assertThat(send.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(send.body()).get("error").asText()).contains("redaktion@example.org is editor", "publisher");
        assertThat(h.call("GET", "/api/users", editor, null).statusCode()).isEqualTo(403);
        assertThat(h.call("POST", "/api/users", editor, "{\"email\":\"neu@example.org\",\"role\":\"admin\"}").statusCode())
                .isEqualTo(403);
        assertThat(h.call("GET", "/api/subscribers", editor, null).statusCode()).isEqualTo(403);
        assertThat(h.app.accounts.list()).extracting(u -> u.email()).containsExactly("redaktion@example.org");
        assertThat(h.app.editionDesk.view(id).orElseThrow().edition().status().id()).isEqualTo("paused");
        assertThat(h.mail.getReceivedMessages()).isEmpty();

        // Every audit entry names the person who acted.
        assertThat(h.app.audit.recent(20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("edition.create");
            assertThat(e.actor()).isEqualTo("redaktion@example.org");
            assertThat(e.channel()).isEqualTo("api");
        });
    }

    @Test
    void anAdminInvitesThroughTheApiAndTheLinkIsShownOnlyInThatAnswer() throws Exception {
        HttpResponse<String> r = h.api("POST", "/api/users", "{\"email\":\"Vorstand@Example.org\",\"name\":\"Jörg\",\"role\":\"publisher\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("email").asText()).isEqualTo("vorstand@example.org");
        assertThat(body.get("invitation").asText()).startsWith("http://localhost:8080/admin/invite/");
        assertThat(h.api("GET", "/api/users", null).body()).doesNotContain("invite/").contains("\"active\":false");
        assertThat(JSON.readTree(h.api("POST", "/api/users", "{\"email\":\"x@example.org\",\"role\":\"chef\"}").body())
                .get("field").asText()).isEqualTo("role");
        assertThat(h.api("POST", "/api/users", "{\"email\":\"vorstand@example.org\",\"role\":\"editor\"}").statusCode())
                .isEqualTo(409);
    }

    @Test
    void aRevokedTokenGets401() throws Exception {
        h.user("kasse@example.org", Role.PUBLISHER, PASSWORD);
        String token = tokenOf("kasse@example.org");
        assertThat(h.call("GET", "/api/subscribers", token, null).statusCode()).isEqualTo(200);
        long userId = h.app.accounts.byEmail("kasse@example.org").id();
        long tokenId = h.app.accounts.tokens(userId).get(0).id();
        assertThat(h.app.accounts.tokens(userId).get(0).lastUsedAt()).isNotNull();

        h.app.accounts.revokeToken(AuditLog.Actor.CLI, userId, tokenId);
        HttpResponse<String> r = h.call("GET", "/api/subscribers", token, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"rundbrief\"");
    }

    @Test
    void failedTokenAttemptsAreAuditedAndLimitedPerAddress() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(h.call("GET", "/api/stats", "rb_geraten" + i, null).statusCode()).isEqualTo(401);
        }
        assertThat(h.call("GET", "/api/stats", "rb_geraten", null).statusCode()).isEqualTo(429);
        // Even the right token waits now: the address is blocked until the bucket refills.
        assertThat(h.api("GET", "/api/stats", null).statusCode()).isEqualTo(429);
        assertThat(h.app.audit.recent(50)).filteredOn(e -> e.action().equals("token.failed")).hasSize(10)
                .allSatisfy(e -> assertThat(e.ip()).isEqualTo("127.0.0.1"));
    }

    @Test
    void anInvitedUserSetsAPasswordOfAtLeastTenCharactersAndThenLogsInWithEmail() throws Exception {
        var invitation = h.app.accounts.invite(AuditLog.Actor.CLI, "schrift@example.org", "Sabine", Role.EDITOR);
        String path = invitation.link().substring(invitation.link().indexOf("/admin/"));
        AdminHarness.Page form = h.page("GET", path, null, null);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("schrift@example.org");
        String cookie = AdminHarness.cookieOf(form);

        AdminHarness.Page tooShort = h.page("POST", path, cookie, form("csrf", csrf(form.body()), "password", "kurz-123", "repeat", "kurz-123"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body()).contains("mindestens 10 Zeichen");
        assertThat(h.app.accounts.byEmail("schrift@example.org").active()).isFalse();

        AdminHarness.Page noCsrf = h.page("POST", path, cookie, form("password", PASSWORD, "repeat", PASSWORD));
        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(h.app.accounts.byEmail("schrift@example.org").active()).isFalse();

        AdminHarness.Page set = h.page("POST", path, cookie, form("csrf", csrf(form.body()), "password", PASSWORD, "repeat", PASSWORD));
        assertThat(set.status()).isEqualTo(302);
        assertThat(set.location()).isEqualTo("/admin/login?notice=passwordSet");
        assertThat(h.page("GET", path, null, null).status()).as("the link is used up").isEqualTo(410);

        String session = h.login("schrift@example.org", PASSWORD);
        String dashboard = h.page("GET", "/admin", session, null).body();
        assertThat(dashboard).contains("schrift@example.org").doesNotContain("href=\"/admin/users\"")
                .doesNotContain("href=\"/admin/subscribers\"");
        assertThat(h.page("GET", "/admin/users", session, null).status()).isEqualTo(403);
        assertThat(h.page("GET", "/admin/subscribers", session, null).status()).isEqualTo(403);
    }

    @Test
    void anInvitationLinkExpiresAfter72Hours() throws Exception {
        var invitation = h.app.accounts.invite(AuditLog.Actor.CLI, "spaet@example.org", null, Role.EDITOR);
        String path = invitation.link().substring(invitation.link().indexOf("/admin/"));
        AdminHarness.Page form = h.page("GET", path, null, null);
        h.clock.advance(Accounts.INVITATION_VALID.plusMinutes(1));
        AdminHarness.Page late = h.page("POST", path, AdminHarness.cookieOf(form),
                form("csrf", csrf(form.body()), "password", PASSWORD, "repeat", PASSWORD));
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.body()).contains("abgelaufen");
        assertThat(h.page("GET", path, null, null).status()).isEqualTo(410);
        assertThat(h.app.accounts.byEmail("spaet@example.org").active()).isFalse();
    }

    @Test
    void theSessionCookieOfARemovedUserOpensNothing() throws Exception {
        h.user("weg@example.org", Role.ADMIN, PASSWORD);
        String session = h.login("weg@example.org", PASSWORD);
        String token = csrf(h.page("GET", "/admin", session, null).body());
        h.app.accounts.remove(AuditLog.Actor.CLI, h.app.accounts.byEmail("weg@example.org").id());

        assertThat(h.page("GET", "/admin", session, null).location()).isEqualTo("/admin/login");
        assertThat(h.page("POST", "/admin/users", session, form("csrf", token, "email", "x@example.org", "role", "admin")).status())
                .isEqualTo(403);
        assertThat(h.app.accounts.list()).isEmpty();
    }

    @Test
    void sessionsLiveInTheDatabaseSurviveARestartAndExpireWhenIdle() throws Exception {
        h.user("vorstand@example.org", Role.PUBLISHER, PASSWORD);
        String session = h.login("vorstand@example.org", PASSWORD);
        h = h.restart();
        assertThat(h.page("GET", "/admin", session, null).status()).isEqualTo(200);

        h.clock.advance(Sessions.IDLE.minusMinutes(5));
        assertThat(h.page("GET", "/admin", session, null).status()).as("activity restarts the idle time").isEqualTo(200);
        h.clock.advance(Sessions.IDLE.minusMinutes(5));
        assertThat(h.page("GET", "/admin", session, null).status()).isEqualTo(200);
        h.clock.advance(Sessions.IDLE.plus(Duration.ofMinutes(1)));
        assertThat(h.page("GET", "/admin", session, null).location()).isEqualTo("/admin/login");
    }

    @Test
    void logOutEverywhereEndsEverySessionOfThatUserOnly() throws Exception {
        h.user("handy@example.org", Role.EDITOR, PASSWORD);
        String phone = h.login("handy@example.org", PASSWORD);
        String laptop = h.login("handy@example.org", PASSWORD);
        String bootstrap = h.login("", AdminHarness.TOKEN);

        AdminHarness.Page out = h.page("POST", "/admin/account/logout-everywhere", phone,
                form("csrf", csrf(h.page("GET", "/admin/account", phone, null).body())));
        assertThat(out.location()).isEqualTo("/admin/login");
        assertThat(h.page("GET", "/admin", phone, null).location()).isEqualTo("/admin/login");
        assertThat(h.page("GET", "/admin", laptop, null).location()).isEqualTo("/admin/login");
        assertThat(h.page("GET", "/admin", bootstrap, null).status()).isEqualTo(200);
        assertThat(h.app.audit.recent(10)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("logout.everywhere");
            assertThat(e.actor()).isEqualTo("handy@example.org");
        });
    }

    @Test
    void aTokenCreatedOnTheAccountPageIsShownOnceAndWorksWithTheUsersRole() throws Exception {
        h.user("kasse@example.org", Role.PUBLISHER, PASSWORD);
        String session = h.login("kasse@example.org", PASSWORD);
        AdminHarness.Page created = h.page("POST", "/admin/account/tokens", session,
                form("csrf", csrf(h.page("GET", "/admin/account", session, null).body()), "name", "Mitgliederliste"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"new-token\">(rb_[^<]+)<").matcher(created.body());
        assertThat(m.find()).as(created.body()).isTrue();
        String token = m.group(1);
        assertThat(h.page("GET", "/admin/account", session, null).body()).contains("Mitgliederliste").doesNotContain(token);
        assertThat(h.call("GET", "/api/subscribers", token, null).statusCode()).isEqualTo(200);
        assertThat(h.call("GET", "/api/audit", token, null).statusCode()).isEqualTo(403);
    }
}
