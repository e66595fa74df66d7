package org.rundbrief.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.app.App;
import org.rundbrief.config.ConfigException;
import org.rundbrief.config.ConfigLoader;
import org.rundbrief.testing.TestDatabase;

/** WebSub: the subscription feeds name the hub, and the hub hears of every change. */
class WebSubTest {
    @TempDir
    Path dir;
    HttpServer hub;
    final List<String> published = new CopyOnWriteArrayList<>();
    Path articles;

    @BeforeEach
    void startHub() throws Exception {
        hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/hub", exchange -> {
            published.add(URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hub.start();
        articles = Files.createDirectories(dir.resolve("articles"));
        article("sommerfest.md", "Sommerfest am Baggersee");
    }

    @AfterEach
    void stopHub() {
        hub.stop(0);
    }

    private void article(String file, String title) throws Exception {
        Files.writeString(articles.resolve(file), """
                ---
                title: "%s"
                published: 2026-11-25T08:00:00+01:00
                topics: [verein]
                ---
                Text über „%s“.
                """.formatted(title, title));
    }

    private App app(String feedYaml) throws Exception {
        Path config = Files.writeString(dir.resolve("rundbrief.yml"), """
                site: { title: "Verein", baseUrl: "https://news.example.org" }
                %s
                topics: [ { id: verein, de: "Vereinsleben", en: "Club life" } ]
                sources: [ { type: directory, path: "%s" } ]
                %s
                """.formatted(TestDatabase.yaml(dir), articles, feedYaml));
        return new App(ConfigLoader.load(config, true, Map.of()), dir, Clock.systemUTC());
    }

    private String hubUrl() {
        return "http://127.0.0.1:" + hub.getAddress().getPort() + "/hub";
    }

    @Test
    void subscriptionFeedsNameTheHubInEveryFormatAndArchivesDoNot() throws Exception {
        try (App app = app("feed: { hub: \"" + hubUrl() + "\", items: 1 }")) {
            app.collector.collectAll();
            String atom = new String(app.feeds.render(FeedView.parse("/feed.atom").orElseThrow()), StandardCharsets.UTF_8);
            String rss = new String(app.feeds.render(FeedView.parse("/topics/verein/feed.rss").orElseThrow()), StandardCharsets.UTF_8);
            String json = new String(app.feeds.render(FeedView.parse("/feed.json").orElseThrow()), StandardCharsets.UTF_8);
            String archive = new String(app.feeds.render(FeedView.parse("/archive/2026-11/feed.atom").orElseThrow()),
                    StandardCharsets.UTF_8);
            assertThat(atom).contains("rel=\"hub\" href=\"" + hubUrl() + "\"").contains("rel=\"self\"");
            assertThat(rss).contains("rel=\"hub\" href=\"" + hubUrl() + "\"");
            assertThat(json).contains("\"hubs\":[{\"type\":\"WebSub\",\"url\":\"" + hubUrl() + "\"}]");
            assertThat(archive).doesNotContain("rel=\"hub\"");
        }
    }

    @Test
    void withoutAHubNoFeedMentionsOne() throws Exception {
        try (App app = app("")) {
            app.collector.collectAll();
            assertThat(new String(app.feeds.render(FeedView.parse("/feed.atom").orElseThrow()), StandardCharsets.UTF_8))
                    .doesNotContain("rel=\"hub\"");
        }
    }

    @Test
    void aNewArticleIsPublishedToTheHubForEverySubscriptionFeed() throws Exception {
        try (App app = app("feed: { hub: \"" + hubUrl() + "\" }")) {
            app.collector.collectAll();
            app.announceFeedChanges();
            await("nothing changed yet: nothing published").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(published::isEmpty);

            article("versammlung.md", "Einladung zur Jahreshauptversammlung");
            app.collector.collectAll();
            await().atMost(Duration.ofSeconds(15)).until(() -> published.size() >= 6);
            assertThat(published).containsExactlyInAnyOrder(
                    "hub.mode=publish&hub.url=https://news.example.org/feed.rss",
                    "hub.mode=publish&hub.url=https://news.example.org/topics/verein/feed.rss",
                    "hub.mode=publish&hub.url=https://news.example.org/feed.atom",
                    "hub.mode=publish&hub.url=https://news.example.org/topics/verein/feed.atom",
                    "hub.mode=publish&hub.url=https://news.example.org/feed.json",
                    "hub.mode=publish&hub.url=https://news.example.org/topics/verein/feed.json");
        }
    }

    @Test
    void aHubThatIsNoHttpUrlAndAZeroItemCountAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> app("feed: { hub: \"ftp://hub.example.org\" }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("feed.hub");
        assertThatThrownBy(() -> app("feed: { items: 0 }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("feed.items");
    }
}
