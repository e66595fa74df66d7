package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin pages' gate over plain HTTP: sessions, CSRF, login rate limit, cookie attributes. */
class AdminPagesTest {
    @TempDir
    Path dir;
    AdminHarness h;

    @BeforeEach
    void start() {
        h = new AdminHarness(dir, AdminHarness.TOKEN);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    record Page(int status, String body, String setCookie, String location) {}

    Page send(String method, String path, String cookie, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(h.base + path))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        HttpResponse<String> r = h.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Page(r.statusCode(), r.body(), r.headers().firstValue("Set-Cookie").orElse(null),
                r.headers().firstValue("Location").orElse(null));
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("form has a CSRF token").isTrue();
        return m.group(1);
    }

    static String cookieOf(Page p) {
        return p.setCookie().substring(0, p.setCookie().indexOf(';'));
    }

    private String login() throws Exception {
        Page form = send("GET", "/admin/login", null, null);
        String cookie = cookieOf(form);
        Page in = send("POST", "/admin/login", cookie, "csrf=" + csrf(form.body()) + "&password="
                + URLEncoder.encode(AdminHarness.TOKEN, StandardCharsets.UTF_8));
        assertThat(in.status()).isEqualTo(302);
        assertThat(in.location()).isEqualTo("/admin");
        return cookieOf(in);
    }

    @Test
    void withoutASessionPagesRedirectToLogin() throws Exception {
        Page p = send("GET", "/admin", null, null);
        assertThat(p.status()).isEqualTo(302);
        assertThat(p.location()).isEqualTo("/admin/login");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrictAndChangesAtLogin() throws Exception {
        Page form = send("GET", "/admin/login", null, null);
        assertThat(form.setCookie()).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/admin");
        String session = login();
        assertThat(session).isNotEqualTo(cookieOf(form));
        Page dashboard = send("GET", "/admin", session, null);
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Übersicht").contains("send-daily");
    }

    @Test
    void aWrongPasswordIsRefusedAndAudited() throws Exception {
        Page form = send("GET", "/admin/login", null, null);
        Page p = send("POST", "/admin/login", cookieOf(form), "csrf=" + csrf(form.body()) + "&password=falsch");
        assertThat(p.status()).isEqualTo(401);
        assertThat(p.body()).contains("Falsches Passwort");
        assertThat(h.app.audit.recent(5)).anySatisfy(e -> assertThat(e.action()).isEqualTo("login.failed"));
    }

    @Test
    void loginAttemptsAreRateLimitedPerAddress() throws Exception {
        Page form = send("GET", "/admin/login", null, null);
        String body = "csrf=" + csrf(form.body()) + "&password=falsch";
        int last = 0;
        for (int i = 0; i < 11; i++) {
            last = send("POST", "/admin/login", cookieOf(form), body).status();
        }
        assertThat(last).isEqualTo(429);
    }

    @Test
    void formPostsWithoutTheCsrfTokenAreRefusedWith403AndChangeNothing() throws Exception {
        h.seedDailyEdition();
        String session = login();
        Page forged = send("POST", "/admin/editions", session, "cadence=daily");
        assertThat(forged.status()).isEqualTo(403);
        Page wrong = send("POST", "/admin/editions", session, "cadence=daily&csrf=guess");
        assertThat(wrong.status()).isEqualTo(403);
        Page noSession = send("POST", "/admin/login", null, "password=" + AdminHarness.TOKEN);
        assertThat(noSession.status()).isEqualTo(403);
        assertThat(h.app.editionDesk.recent(0, 10)).isEmpty();

        String token = csrf(send("GET", "/admin", session, null).body());
        Page created = send("POST", "/admin/editions", session, "cadence=daily&csrf=" + token);
        assertThat(created.status()).isEqualTo(302);
        assertThat(h.app.editionDesk.recent(0, 10)).hasSize(1);
        Page edition = send("GET", created.location(), session, null);
        assertThat(edition.body()).contains("Sommerfest am Sonnenhang – „Grillen &amp; Gießen“");
        Page preview = send("GET", created.location() + "/preview", session, null);
        assertThat(preview.body()).contains("Große Straße");
    }

    @Test
    void theDashboardNamesAPausedEditionThatHoldsBackItsCadenceUntilItIsCancelled() throws Exception {
        h.seedDailyEdition();
        String session = login();
        assertThat(send("GET", "/admin", session, null).body()).doesNotContain("class=\"notice\"");

        String token = csrf(send("GET", "/admin", session, null).body());
        Page created = send("POST", "/admin/editions", session, "cadence=daily&csrf=" + token); // held, paused, for preview
        long id = Long.parseLong(created.location().substring(created.location().lastIndexOf('/') + 1));
        String dashboard = send("GET", "/admin", session, null).body();
        assertThat(dashboard).contains("id=\"holding-" + id + "\"",
                "Ausgabe #" + id + " (daily) ist angehalten: Neue Ausgaben dieses Rhythmus warten",
                "href=\"/admin/editions/" + id + "\">Ausgabe öffnen</a>");

        h.app.editions.cancel(id);
        assertThat(send("GET", "/admin", session, null).body()).doesNotContain("holding-");
    }

    @Test
    void subscriberSearchShowsStatusAndConsentHistoryAndSourcesShowTheirState() throws Exception {
        h.seedDailyEdition();
        String session = login();
        Page search = send("GET", "/admin/subscribers?q=joerg&status=confirmed", session, null);
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.body()).contains("joerg@example.net").doesNotContain("anna@example.org").contains("1 gefunden");
        Matcher link = Pattern.compile("href=\"(/admin/subscribers/\\d+)\"").matcher(search.body());
        assertThat(link.find()).isTrue();
        Page detail = send("GET", link.group(1), session, null);
        assertThat(detail.body()).contains("Einwilligungsverlauf").contains("added_confirmed").contains("Jahreshauptversammlung");
        assertThat(send("GET", "/admin/subscribers?status=nonsense", session, null).status()).isEqualTo(400);

        String token = csrf(send("GET", "/admin/sources", session, null).body());
        Page collected = send("POST", "/admin/collect", session, "csrf=" + token);
        assertThat(collected.location()).isEqualTo("/admin/sources");
        Page sources = send("GET", "/admin/sources", session, null);
        assertThat(sources.status()).isEqualTo(200);
        assertThat(sources.body()).contains("Jetzt abrufen");

        Page nothing = send("POST", "/admin/editions", session, "cadence=weekly&csrf=" + token);
        assertThat(send("GET", nothing.location(), session, null).body()).contains("keine Ausgabe angelegt");
    }
    @Test
    void anEditionWaitingForARetryShowsTheLastSmtpErrorAndSendNowRetriesAtOnce() throws Exception {
        h.seedDailyEdition();
        var edition = h.app.editions.plan(org.rundbrief.subscriber.Cadence.DAILY, null).orElseThrow();
        var rows = h.app.deliveries.page(edition.id(), 0, 10);
        // what a greylisting server leaves: one row waits two minutes for its retry
        h.app.deliveries.markRetry(rows.get(0).id(), h.clock.instant().plusSeconds(120), "SMTP 451 to RCPT TO:<anna@example.org>: greylisted");
        h.app.deliveries.recordSmtpError(edition.id(), "SMTP 451 to RCPT TO:<anna@example.org>: greylisted", h.clock.instant());
        h.app.deliveries.markSent(rows.subList(1, rows.size()).stream()
                .map(r -> new org.rundbrief.delivery.DeliveryStore.Sent(r.id(), "<x" + r.id() + "@example.org>", h.clock.instant())).toList());

        Page page = send("GET", "/admin/editions/" + edition.id(), login(), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"smtp-error\"").contains("SMTP 451 to RCPT TO:&lt;anna@example.org&gt;: greylisted")
                .contains("id=\"next-retry\"").contains("id=\"send-now\"");

        int before = h.mail.getReceivedMessages().length;
        h.app.editionDesk.send(edition.id()); // the admin's "send now", the clock standing still
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> h.app.editionStore.byId(edition.id()).orElseThrow().status() == org.rundbrief.edition.Edition.Status.DONE);
        assertThat(h.mail.getReceivedMessages()).as("the retry, at once").hasSize(before + 1);
    }
}
