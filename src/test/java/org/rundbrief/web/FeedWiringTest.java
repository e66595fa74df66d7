package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.app.App;
import org.rundbrief.article.Article;
import org.rundbrief.config.ConfigLoader;
import org.xml.sax.InputSource;
import org.rundbrief.testing.TestDatabase;

/**
 * The feeds as the composition root wires them: articles collected from a Markdown directory are
 * served at /feed.atom, /feed.rss and /, and a newly added article reaches the feed through the
 * background version poll, without a restart and without anyone clearing a cache.
 */
class FeedWiringTest {
    @TempDir
    Path dir;

    @Test
    void collectedArticlesAreServedAndANewArticleShowsUpAfterThePoll() throws Exception {
        Path articles = Files.createDirectories(dir.resolve("articles"));
        for (String name : List.of("sommerfest.md", "versammlung.md")) {
            try (var in = getClass().getResourceAsStream("/feed/articles/" + name)) {
                Files.write(articles.resolve(name), in.readAllBytes());
            }
        }
        Path config = dir.resolve("rundbrief.yml");
        Files.writeString(config, """
                site: { title: "Kleingartenverein „Sonnenhang“", baseUrl: "https://news.example.org" }
                %s
                sources:
                  - { type: directory, path: "%s" }
                """.formatted(TestDatabase.yaml(dir), articles));
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
        try (App app = new App(ConfigLoader.load(config, true, Map.of()), dir, clock)) {
            app.collector.collectAll();
            WebServer web = app.webServer(List.of());
            try (web) {
                web.start(0);
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://localhost:" + web.port();
                SyndFeed atom = fetch(http, base + "/feed.atom");
                List<String> stored = app.articles.recent(50, java.util.Optional.empty()).stream().map(Article::title).toList();
                assertThat(atom.getEntries()).extracting(SyndEntry::getTitle).containsExactlyElementsOf(stored)
                        .containsExactly("Sommerfest am Baggersee: Helfer gesucht", "Einladung zur Jahreshauptversammlung „2026“");
                assertThat(fetch(http, base + "/topics/termine/feed.rss").getEntries()).hasSize(1);
                String index = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(index).contains("href=\"https://news.example.org/feed.atom\"", "Helfer gesucht");

                Files.writeString(articles.resolve("neu.md"), """
                        ---
                        title: "Neu: Wasser wird abgestellt"
                        published: 2026-11-25T08:00:00+01:00
                        topics: [verein]
                        ---
                        Am Samstag wird das Wasser abgestellt.
                        """);
                app.collector.collectAll();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                        assertThat(fetch(http, base + "/feed.atom").getEntries()).extracting(SyndEntry::getTitle)
                                .first().isEqualTo("Neu: Wasser wird abgestellt"));
            }
        }
    }

    private static SyndFeed fetch(HttpClient http, String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return new SyndFeedInput().build(new InputSource(new ByteArrayInputStream(r.body())));
    }
}
