package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.admin.AuditLog;
import org.rundbrief.admin.Role;
import org.rundbrief.testing.FreePort;

/**
 * The outbox and an SMTP outage on the admin pages: with the mail server unreachable, a confirm
 * mail waits; the dashboard says so in a red bar, the outbox page lists the mail with the error,
 * and "retry now" (a publisher's, with the form's CSRF token) sends it once the server is back.
 */
class OutboxPagesTest {
    private static final String PASSWORD = "Sonnenhang-2026";

    @TempDir
    Path dir;
    private AdminHarness h;
    private GreenMail smtp;

    /** A harness whose SMTP port nobody listens on yet (connection refused), its outbox sent as serve sends it. */
    private int unreachable(String language) throws Exception {
        int port = FreePort.any();
        h = new AdminHarness(dir, AdminHarness.TOKEN, Map.of("RUNDBRIEF_SMTP_PORT", Integer.toString(port),
                "RUNDBRIEF_SITE_TIMEZONE", "Europe/Berlin", "RUNDBRIEF_SITE_LANGUAGE", language));
        h.app.outboxSender.start();
        return port;
    }

    private void subscribeWhileDown() throws Exception {
        AdminHarness.Page posted = h.page("POST", "/subscribe", null,
                AdminHarness.form("email", "grete@example.org", "name", "Grete", "cadence", "daily", "language", "de"));
        assertThat(posted.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> h.app.serverWatch.outage().isPresent());
    }

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void theDashboardShowsTheOutageTheOutboxListsTheWaitingMailAndRetryNowSendsItOnceTheServerIsBack() throws Exception {
        int port = unreachable("de");
        h.user("vorstand@example.org", Role.PUBLISHER, PASSWORD);
        String publisher = h.login("vorstand@example.org", PASSWORD);
        subscribeWhileDown();
        String error = h.app.serverWatch.outage().orElseThrow().error();
        assertThat(error).contains("127.0.0.1:" + port);

        String dashboard = h.page("GET", "/admin", publisher, null).body();
        assertThat(dashboard).contains("id=\"smtp-outage\"")
                .contains("Der Mailserver ist seit 07:00 nicht erreichbar: " + error + ". Nächster Versuch um 07:00. 1 Mail wartet.")
                .contains("href=\"/admin/outbox\" id=\"smtp-outage-outbox\"");

        AdminHarness.Page outbox = h.page("GET", "/admin/outbox", publisher, null);
        assertThat(outbox.status()).isEqualTo(200);
        assertThat(outbox.body()).contains("id=\"smtp-outage\"").contains("<td>Bestätigung</td><td>1</td><td>2026-03-02 07:00</td>")
                .contains("grete@example.org").contains(error).contains("<td>wartet</td><td>0</td>");

        // Without the form's token, or as an editor, nothing happens.
        assertThat(h.page("POST", "/admin/outbox/retry", publisher, "").status()).isEqualTo(403);
        h.user("redaktion@example.org", Role.EDITOR, PASSWORD);
        String editor = h.login("redaktion@example.org", PASSWORD);
        String editorsDashboard = h.page("GET", "/admin", editor, null).body();
        assertThat(editorsDashboard).contains("id=\"smtp-outage\"").doesNotContain("/admin/outbox");
        assertThat(h.page("GET", "/admin/outbox", editor, null).status()).isEqualTo(403);
        assertThat(h.page("POST", "/admin/outbox/retry", editor, AdminHarness.form("csrf", AdminHarness.csrf(editorsDashboard)))
                .status()).isEqualTo(403);
        assertThat(h.app.audit.recent(50)).noneMatch(e -> e.action().equals("outbox.retry"));
        assertThat(h.app.serverWatch.mayTry()).as("the next probe waits for the clock").isFalse();

        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        AdminHarness.Page retried = h.page("POST", "/admin/outbox/retry", publisher,
                AdminHarness.form("csrf", AdminHarness.csrf(outbox.body())));
        assertThat(retried.status()).isEqualTo(302);
        assertThat(retried.location()).isEqualTo("/admin/outbox?notice=retried");

        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length == 1);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).contains("Bitte bestätigen");
        await().atMost(Duration.ofSeconds(10)).until(() -> h.app.serverWatch.outage().isEmpty()
                && h.app.outbox.state().waiting() == 0);
        assertThat(h.page("GET", "/admin", publisher, null).body()).doesNotContain("smtp-outage");
        assertThat(h.page("GET", "/admin/outbox?notice=retried", publisher, null).body())
                .contains("Nichts wartet").doesNotContain("grete@example.org");
        assertThat(smtp.getReceivedMessages()).as("once").hasSize(1);
        assertThat(h.app.audit.recent(50)).filteredOn(e -> e.action().equals("outbox.retry"))
                .singleElement().extracting(AuditLog.Entry::actor).isEqualTo("vorstand@example.org");
    }

    @Test
    void theOutageBarAndTheOutboxSpeakEnglishOnAnEnglishSite() throws Exception {
        unreachable("en");
        subscribeWhileDown();
        String cookie = h.login("", AdminHarness.TOKEN);
        assertThat(h.page("GET", "/admin", cookie, null).body())
                .contains("The mail server has been unreachable since 07:00: ").contains("1 mail is waiting.");
        assertThat(h.page("GET", "/admin/outbox", cookie, null).body()).contains("<td>Confirmation</td>")
                .contains("Retry now");
        assertThat(h.api("POST", "/api/outbox/retry", null).body()).isEqualTo("{\"dueNow\":1}");
        assertThat(h.app.audit.recent(10)).anyMatch(e -> e.action().equals("outbox.retry") && e.channel().equals("api"));
    }

    @Test
    void aCursorThatIsNoIdIsRefusedClearly() throws Exception {
        unreachable("de");
        String cookie = h.login("", AdminHarness.TOKEN);
        AdminHarness.Page page = h.page("GET", "/admin/outbox?before=abc", cookie, null);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("before");
        assertThat(h.api("GET", "/api/outbox?before=-3", null).statusCode()).isEqualTo(400);
    }
}
