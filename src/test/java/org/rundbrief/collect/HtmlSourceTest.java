package org.rundbrief.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.article.Article;
import org.rundbrief.article.ArticleStore;

/** The html source against the sample club site (list page + article pages) on a local server. */
class HtmlSourceTest {
    @TempDir
    Path dir;
    final CollectFixture fixture = new CollectFixture();
    final FixtureServer server = fixture.server;
    TestWorld world;

    @BeforeEach
    void serve() {
        for (String page : new String[] {"index.html", "wanderung-herbst.html", "mitgliederbrief.html"}) {
            server.resource("/news/" + page, "text/html; charset=utf-8", "site/news/" + page);
        }
        world = fixture.world(dir, TestWorld.collect(5, 1_000_000),
                "{ type: html, url: \"" + server.url("/news/index.html") + "\", item: \"article.news-item\", link: \"h2 a\","
                        + " title: h1, date: .date, author: .author, body: .body, topics: [verein] }");
        world.clock.advance(Duration.ofDays(200)); // November 2026, after the sample dates
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    Article article(String title) {
        return world.store.recent(10, Optional.empty()).stream().filter(a -> a.title().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void extractsTitleDateInSiteZoneAuthorAndBody() {
        CollectReport report = world.collector.collectAll();

        assertThat(report.sources().get(0).line()).endsWith("new 2, updated 0, unchanged 0");
        Article a = article("Herbstwanderung zur Burgruine");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-10-16T22:16:00Z")); // 00:16 Europe/Berlin (CEST)
        assertThat(a.author()).isEqualTo("Thomas");
        assertThat(a.link()).isEqualTo(server.url("/news/wanderung-herbst.html"));
        assertThat(a.guid()).isEqualTo(a.link());
        assertThat(a.contentHtml()).contains("<h3>Ausrüstung</h3>").contains("Gasthof „Zur Linde\"");
        assertThat(a.summary()).isEqualTo("Am 8. November wandern wir gemeinsam zur Burgruine – Treffpunkt am Bahnhof.");
        assertThat(a.language()).isEqualTo("de");
        assertThat(a.topics()).containsExactly("verein");
    }

    @Test
    void articlePagesAreFetchedConditionallyAndA304KeepsTheStoredArticle() {
        String[] version = {"v1"};
        java.util.Map<String, String> conditions = new java.util.concurrent.ConcurrentHashMap<>();
        for (String page : new String[] {"wanderung-herbst.html", "mitgliederbrief.html"}) {
            byte[] body = FixtureServer.load("site/news/" + page);
            server.on("/news/" + page, ex -> {
                String etag = "\"" + page + "-" + (page.startsWith("wanderung") ? version[0] : "v1") + "\"";
                String inm = ex.getRequestHeaders().getFirst("If-None-Match");
                conditions.put(page, String.valueOf(inm));
                ex.getResponseHeaders().set("ETag", etag);
                if (etag.equals(inm)) {
                    FixtureServer.send(ex, 304, null, new byte[0]);
                } else {
                    String html = new String(body, java.nio.charset.StandardCharsets.UTF_8);
                    FixtureServer.send(ex, 200, "text/html; charset=utf-8", (version[0].equals("v2") && page.startsWith("wanderung")
                            ? html.replace("Burgruine</h1>", "Burgruine (verschoben)</h1>") : html)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            });
        }
        world.collector.collectAll();
        ArticleStore.Version before = world.store.version();
        world.clock.advance(Duration.ofMinutes(15));

        CollectReport.SourceResult second = world.collector.collectAll().sources().get(0);

        assertThat(conditions).containsEntry("wanderung-herbst.html", "\"wanderung-herbst.html-v1\"")
                .containsEntry("mitgliederbrief.html", "\"mitgliederbrief.html-v1\"");
        assertThat(second.line()).endsWith("new 0, updated 0, unchanged 2");
        assertThat(world.store.version()).isEqualTo(before);

        version[0] = "v2";
        world.clock.advance(Duration.ofMinutes(15));
        CollectReport.SourceResult third = world.collector.collectAll().sources().get(0);

        assertThat(third.line()).endsWith("new 0, updated 1, unchanged 1");
        assertThat(article("Herbstwanderung zur Burgruine (verschoben)").link()).isEqualTo(server.url("/news/wanderung-herbst.html"));
        world.collector.collectAll();
        assertThat(conditions).containsEntry("wanderung-herbst.html", "\"wanderung-herbst.html-v2\"");
    }

    @Test
    void leavesOutScriptsNavigationFooterBackLinksAndEventHandlers() {
        world.collector.collectAll();
        for (Article a : world.store.recent(10, Optional.empty())) {
            assertThat(a.contentHtml()).doesNotContain("script", "trackVisit", "Zurück", "onclick", "alert", "All rights",
                    "Geschäftsstelle 0000");
        }
        Article brief = article("Mitgliederbrief: Beiträge und Satzungsänderung");
        assertThat(brief.contentHtml()).contains("<p>Rückfragen bitte an die Geschäftsstelle.</p>")
                .contains("href=\"" + server.url("/downloads/satzung-entwurf.pdf") + "\"");
        assertThat(brief.author()).isEqualTo("Sabine");
    }

    @Test
    void aMissingArticlePageSkipsThatItemOnly() {
        server.on("/news/broken/", ex -> FixtureServer.send(ex, 200, "text/html",
                ("<article class=news-item><h2><a href=\"/news/gone.html\">Weg</a></h2></article>"
                        + "<article class=news-item><h2><a href=\"/news/mitgliederbrief.html\">Da</a></h2></article>").getBytes()));
        world = fixture.world(dir, TestWorld.collect(5, 1_000_000),
                "{ type: html, url: \"" + server.url("/news/broken/") + "\", item: \"article.news-item\", link: \"h2 a\", body: .body }");
        CollectReport report = world.collector.collectAll();
        assertThat(report.sources().get(0).line()).contains("new 1").contains("skipped 1").contains("HTTP 404");
    }

    @Test
    void aListPageWithoutItemsFailsTheSourceWithTheSelectorNamed() {
        server.on("/empty/", ex -> FixtureServer.send(ex, 200, "text/html", "<p>Wartungsarbeiten</p>".getBytes()));
        world = fixture.world(dir, TestWorld.collect(5, 1_000_000),
                "{ type: html, url: \"" + server.url("/empty/") + "\", item: \"article.news-item\", link: \"h2 a\" }");
        assertThat(world.collector.collectAll().sources().get(0).line())
                .contains("FAILED: no element matches item selector 'article.news-item'");
    }

    @Test
    void selectorsThatMatchNothingAreWarnedAboutAndTheArticlesAreStoredUndated() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("wrong"));
        world = fixture.world(dir.resolve("wrong"), TestWorld.collect(5, 1_000_000),
                "{ type: html, url: \"" + server.url("/news/index.html") + "\", item: \"article.news-item\", link: \"h2 a\","
                        + " title: h1, date: .datum, body: .inhalt }");
        world.clock.advance(Duration.ofDays(200));

        CollectReport.SourceResult result = world.collector.collectAll().sources().get(0);

        assertThat(result.failed()).isFalse();
        assertThat(result.warnings()).containsExactly(
                "date selector '.datum' matched nothing on 2 of 2 articles (stored without a date, never sent as new)",
                "body selector '.inhalt' matched nothing on 2 of 2 articles (only the list page's teaser was stored)");
        assertThat(world.database.jdbc().count("SELECT COUNT(*) FROM article WHERE undated = TRUE")).isEqualTo(2);
        assertThat(world.store.sourceStatus(result.sourceKey()).orElseThrow().lastWarning())
                .contains("date selector '.datum'");
    }

    @Test
    void rightSelectorsLeaveNoWarningAndNoUndatedArticle() {
        CollectReport.SourceResult result = world.collector.collectAll().sources().get(0);

        assertThat(result.warnings()).isEmpty();
        assertThat(world.database.jdbc().count("SELECT COUNT(*) FROM article WHERE undated = TRUE")).isZero();
        assertThat(world.store.sourceStatus(result.sourceKey()).orElseThrow().lastWarning()).isNull();
    }
}
