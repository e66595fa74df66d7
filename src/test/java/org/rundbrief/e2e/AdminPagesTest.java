package org.rundbrief.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rundbrief.article.SourceNote;
import org.rundbrief.collect.Collector;
import org.rundbrief.collect.FixtureServer;
import org.rundbrief.collect.HttpFetcher;
import org.rundbrief.config.Config;
import org.rundbrief.config.ConfigLoader;
import org.rundbrief.testing.TestDatabase;

/** The admin pages' gate over plain HTTP: sessions, CSRF, login rate limit, cookie attributes. */
class AdminPagesTest extends WithAdminHarness {

    private String login() throws Exception {
        return h.login("", AdminHarness.TOKEN);
    }

    @Test
    void withoutASessionPagesRedirectToLogin() throws Exception {
        AdminHarness.Page p = h.page("GET", "/admin", null, null);
        assertThat(p.status()).isEqualTo(302);
        assertThat(p.location()).isEqualTo("/admin/login");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrictAndChangesAtLogin() throws Exception {
        AdminHarness.Page form = h.page("GET", "/admin/login", null, null);
        assertThat(form.setCookie()).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/admin");
        String session = login();
        assertThat(session).isNotEqualTo(AdminHarness.cookieOf(form));
        AdminHarness.Page dashboard = h.page("GET", "/admin", session, null);
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Übersicht").contains("send-daily");
    }

    @Test
    void aWrongPasswordIsRefusedAndAudited() throws Exception {
        AdminHarness.Page form = h.page("GET", "/admin/login", null, null);
        AdminHarness.Page p = h.page("POST", "/admin/login", AdminHarness.cookieOf(form), "csrf=" + AdminHarness.csrf(form.body()) + "&password=falsch");
        assertThat(p.status()).isEqualTo(401);
        assertThat(p.body()).contains("Passwort ist falsch");
        assertThat(h.app.audit.recent(5)).anySatisfy(e -> assertThat(e.action()).isEqualTo("login.failed"));
    }

    @Test
    void loginAttemptsAreRateLimitedPerAddress() throws Exception {
        AdminHarness.Page form = h.page("GET", "/admin/login", null, null);
        String body = "csrf=" + AdminHarness.csrf(form.body()) + "&password=falsch";
        int last = 0;
        for (int i = 0; i < 11; i++) {
            last = h.page("POST", "/admin/login", AdminHarness.cookieOf(form), body).status();
        }
        assertThat(last).isEqualTo(429);
    }

    @Test
    void formPostsWithoutTheCsrfTokenAreRefusedWith403AndChangeNothing() throws Exception {
        h.seedDailyEdition();
        String session = login();
        AdminHarness.Page forged = h.page("POST", "/admin/editions", session, "cadence=daily");
        assertThat(forged.status()).isEqualTo(403);
        AdminHarness.Page wrong = h.page("POST", "/admin/editions", session, "cadence=daily&csrf=guess");
        assertThat(wrong.status()).isEqualTo(403);
        AdminHarness.Page noSession = h.page("POST", "/admin/login", null, "password=" + AdminHarness.TOKEN);
        assertThat(noSession.status()).isEqualTo(403);
        assertThat(h.app.editionDesk.recent(0, 10)).isEmpty();

        String token = AdminHarness.csrf(h.page("GET", "/admin", session, null).body());
        AdminHarness.Page created = h.page("POST", "/admin/editions", session, "cadence=daily&csrf=" + token);
        assertThat(created.status()).isEqualTo(302);
        assertThat(h.app.editionDesk.recent(0, 10)).hasSize(1);
        AdminHarness.Page edition = h.page("GET", created.location(), session, null);
        assertThat(edition.body()).contains("Sommerfest am Sonnenhang – „Grillen &amp; Gießen“");
        AdminHarness.Page preview = h.page("GET", created.location() + "/preview", session, null);
        assertThat(preview.body()).contains("Große Straße");
    }

    @Test
    void theDashboardNamesAPausedEditionThatHoldsBackItsCadenceUntilItIsCancelled() throws Exception {
        h.seedDailyEdition();
        String session = login();
        assertThat(h.page("GET", "/admin", session, null).body()).doesNotContain("class=\"notice\"");

        String token = AdminHarness.csrf(h.page("GET", "/admin", session, null).body());
        AdminHarness.Page created = h.page("POST", "/admin/editions", session, "cadence=daily&csrf=" + token); // held, paused, for preview
        long id = Long.parseLong(created.location().substring(created.location().lastIndexOf('/') + 1));
        String dashboard = h.page("GET", "/admin", session, null).body();
        assertThat(dashboard).contains("id=\"holding-" + id + "\"",
                "Ausgabe #" + id + " (täglich) ist angehalten: Neue Ausgaben dieses Rhythmus warten",
                "href=\"/admin/editions/" + id + "\">Ausgabe öffnen</a>");

        h.app.editions.cancel(id);
        assertThat(h.page("GET", "/admin", session, null).body()).doesNotContain("holding-");
    }

    @Test
    void subscriberSearchShowsStatusAndConsentHistoryAndSourcesShowTheirState() throws Exception {
        h.seedDailyEdition();
        String session = login();
        AdminHarness.Page search = h.page("GET", "/admin/subscribers?q=joerg&status=confirmed", session, null);
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.body()).contains("joerg@example.net").doesNotContain("anna@example.org");
        Matcher link = Pattern.compile("href=\"(/admin/subscribers/\\d+)\"").matcher(search.body());
        assertThat(link.find()).isTrue();
        AdminHarness.Page detail = h.page("GET", link.group(1), session, null);
        assertThat(detail.body()).contains("Einwilligungsverlauf").contains("von der Verwaltung eingetragen").contains("Jahreshauptversammlung");
        assertThat(h.page("GET", "/admin/subscribers?status=nonsense", session, null).status()).isEqualTo(400);

        String token = AdminHarness.csrf(h.page("GET", "/admin/sources", session, null).body());
        AdminHarness.Page collected = h.page("POST", "/admin/collect", session, "csrf=" + token);
        assertThat(collected.location()).isEqualTo("/admin/sources");
        AdminHarness.Page sources = h.page("GET", "/admin/sources", session, null);
        assertThat(sources.status()).isEqualTo(200);
        assertThat(sources.body()).contains("Jetzt abrufen");

        AdminHarness.Page nothing = h.page("POST", "/admin/editions", session, "cadence=weekly&csrf=" + token);
        assertThat(h.page("GET", nothing.location(), session, null).body()).contains("keine Ausgabe angelegt");
    }

    @Test
    void aSourceRemovedFromTheConfigIsMarkedAndNotShownAsHealthyAndASourceWarningIsShown() throws Exception {
        String gone = "feed:https://alt.verein.example.org/feed.xml";
        String warned = "html:https://verein.example.org/aktuelles/";
        h.app.articles.sourceSucceeded(gone, org.rundbrief.article.ArticleStore.SourceState.NONE, 3);
        // as a warning stored before warnings had kinds: its text is shown as it is
        h.app.articles.sourceSucceeded(warned, org.rundbrief.article.ArticleStore.SourceState.NONE, 2,
                java.util.List.of(SourceNote.plain("date selector '.datum' matched nothing on 2 of 2 articles")));

        String page = h.page("GET", "/admin/sources", login(), null).body();

        var rows = org.jsoup.Jsoup.parse(page).select("tbody tr");
        org.jsoup.nodes.Element removed = rows.stream().filter(tr -> tr.child(0).text().equals(gone)).findFirst()
                .orElseThrow(() -> new AssertionError(page));
        assertThat(removed.child(2).hasClass("ok")).as("a removed source is not green").isFalse();
        assertThat(removed.child(3).text()).isEqualTo("Nicht mehr in der Konfiguration: wird nicht mehr abgerufen.");
        assertThat(rows.stream().filter(tr -> tr.child(0).text().equals(warned)).findFirst().orElseThrow().child(3).text())
                .contains("Warnung: date selector '.datum' matched nothing on 2 of 2 articles");
        var api = new com.fasterxml.jackson.databind.ObjectMapper().readTree(h.api("GET", "/api/sources", null).body());
        assertThat(api.findParents("key")).filteredOn(s -> s.get("key").asText().equals(gone)).singleElement()
                .satisfies(s -> assertThat(s.get("configured").asBoolean()).isFalse());
    }

    @Test
    void aSelectorWarningAndARefusedConnectionAreSaidInThePagesLanguageAndStayEnglishInTheApi() throws Exception {
        try (FixtureServer site = new FixtureServer()) {
            for (String page : new String[] {"index.html", "wanderung-herbst.html", "mitgliederbrief.html"}) {
                site.resource("/news/" + page, "text/html; charset=utf-8", "site/news/" + page);
            }
            int closedPort;
            try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            }
            String html = "html:" + site.url("/news/index.html");
            String refused = "feed:http://127.0.0.1:" + closedPort + "/feed.xml";
            collect("{ type: html, url: \"" + site.url("/news/index.html") + "\", item: \"article.news-item\", link: \"h2 a\","
                    + " title: h1, date: .datum, body: .body }", "{ type: feed, url: \"http://127.0.0.1:" + closedPort + "/feed.xml\" }");

            String german = sourceCell(html) + " " + sourceCell(refused);
            assertThat(german).contains("Warnung: Der Datums-Selektor „.datum“ hat bei 2 von 2 Artikeln nichts gefunden "
                            + "(sie sind ohne Datum gespeichert und werden nie als neu verschickt).")
                    .contains("127.0.0.1:" + closedPort + " hat die Verbindung abgelehnt (http://127.0.0.1:" + closedPort + "/feed.xml).")
                    .doesNotContain("matched nothing", "never sent", "connection refused");

            var api = new com.fasterxml.jackson.databind.ObjectMapper().readTree(h.api("GET", "/api/sources", null).body());
            var sources = api.findParents("key");
            assertThat(sources).filteredOn(s -> s.get("key").asText().equals(html)).singleElement()
                    .satisfies(s -> assertThat(s.get("warning").asText()).isEqualTo(
                            "date selector '.datum' matched nothing on 2 of 2 articles (stored without a date, never sent as new)"));
            assertThat(sources).filteredOn(s -> s.get("key").asText().equals(refused)).singleElement()
                    .satisfies(s -> assertThat(s.get("lastError").asText()).isEqualTo(
                            "connection refused by 127.0.0.1:" + closedPort + " (http://127.0.0.1:" + closedPort + "/feed.xml)"));

            h.close();
            h = new AdminHarness(dir, AdminHarness.TOKEN, Map.of("RUNDBRIEF_SITE_LANGUAGE", "en"));
            String english = sourceCell(html) + " " + sourceCell(refused);
            assertThat(english).contains("Date selector '.datum' matched nothing on 2 of 2 articles (stored without a date, never sent as new).")
                    .contains("Connection refused by 127.0.0.1:" + closedPort)
                    .doesNotContain("Datums-Selektor", "abgelehnt");
        }
    }

    /** Collects the given sources once into the harness's database, as {@code collect} would. */
    private void collect(String... sources) throws Exception {
        Path file = dir.resolve("sources.yml");
        Files.writeString(file, TestDatabase.yaml(dir) + "\ncollect: { allowPrivateNetworks: true, timeoutSeconds: 5 }\nsources:\n  - "
                + String.join("\n  - ", sources) + "\n");
        Config config = ConfigLoader.load(file, true, Map.of());
        try (HttpFetcher fetcher = new HttpFetcher(config.collect(), "rundbrief-test")) {
            new Collector(config, h.app.articles, fetcher, h.clock, dir).collectAll();
        }
    }

    /** The text of the last cell (warnings and errors) of a source's row on the sources page. */
    private String sourceCell(String key) throws Exception {
        String page = h.page("GET", "/admin/sources", login(), null).body();
        return org.jsoup.Jsoup.parse(page).select("tbody tr").stream().filter(tr -> tr.child(0).text().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(page)).child(3).text();
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

        // and then the server went away: the edition page shows the outage as the dashboard does
        h.app.serverWatch.down("cannot connect to 127.0.0.1:2525: Connection refused");
        String session = login();
        AdminHarness.Page page = h.page("GET", "/admin/editions/" + edition.id(), session, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"smtp-error\"").contains("SMTP 451 to RCPT TO:&lt;anna@example.org&gt;: greylisted")
                .contains("id=\"next-retry\"").contains("id=\"send-now\"")
                .contains("id=\"smtp-outage\"").contains("cannot connect to 127.0.0.1:2525: Connection refused");
        assertThat(h.page("GET", "/admin", session, null).body()).contains("id=\"smtp-outage\"");

        int before = h.mail.getReceivedMessages().length;
        h.app.editionDesk.send(edition.id()); // the admin's "send now", the clock standing still
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> h.app.editionStore.byId(edition.id()).orElseThrow().status() == org.rundbrief.edition.Edition.Status.DONE);
        assertThat(h.mail.getReceivedMessages()).as("the retry, at once").hasSize(before + 1);
        assertThat(h.page("GET", "/admin", session, null).body()).as("the outage ended with the message").doesNotContain("smtp-outage");
    }
}
