package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.edition.Edition;
import org.rundbrief.feed.FeedFixture;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.template.Templates;

class ArchivePagesTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path dir;
    FeedFixture fx;
    WebServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        fx = new FeedFixture(dir);
        Edition sent = new Edition(7, Cadence.WEEKLY, null, Edition.Status.DONE, NOW, NOW, NOW, NOW);
        server = new WebServer(List.of(new ArchivePages(fx.articles, FeedFixture.SITE, new Templates(dir.resolve("none")),
                n -> List.of(sent))));
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
        fx.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    Document page(String path, int status) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8");
        Document doc = Jsoup.parse(r.body());
        assertThat(r.body()).startsWith("<!DOCTYPE html>");
        assertThat(doc.select("html").attr("lang")).isEqualTo("de");
        assertThat(doc.select("meta[name=viewport]").attr("content")).contains("width=device-width");
        assertThat(doc.select("a[href=/subscribe]")).isNotEmpty();
        return doc;
    }

    @Nested
    class Index {
        @Test
        void listsNewestArticlesWithFeedAutodiscoveryEditionsAndSubscribeLink() throws Exception {
            fx.add("Ältere Nachricht", NOW.minus(Duration.ofDays(3)), "verein");
            fx.add("Sommerfest „im Park“ – mit Grill", NOW.minus(Duration.ofDays(1)), "termine");
            Document doc = page("/", 200);
            assertThat(doc.select("article.teaser h2 a")).extracting(Element::text)
                    .containsExactly("Sommerfest „im Park“ – mit Grill", "Ältere Nachricht");
            assertThat(doc.select("link[rel=alternate]")).extracting(e -> e.attr("type") + " " + e.attr("href"))
                    .containsExactly("application/rss+xml https://news.example.org/feed.rss",
                            "application/atom+xml https://news.example.org/feed.atom",
                            "application/feed+json https://news.example.org/feed.json");
            assertThat(doc.select("a[href=/editions/7]")).hasSize(1);
            assertThat(doc.select("a[href=/editions/7]").first().parent().text()).as("the edition in German words")
                    .isEqualTo("26. November 2026 – Wochenausgabe");
            assertThat(doc.select("time").first().attr("datetime")).isEqualTo(NOW.minus(Duration.ofDays(1)).toString());
        }

        @Test
        void escapesEverythingButTheSanitizedArticleBody() throws Exception {
            var a = fx.add("<script>alert(1)</script> & \"quotes\"", "<p>erlaubt <em>kursiv</em></p>",
                    "<img src=x onerror=alert(2)>", NOW.minus(Duration.ofDays(1)), "verein");
            String index = get("/").body();
            assertThat(index).doesNotContain("<script>alert(1)").doesNotContain("<img src=x")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;");
            String article = get("/articles/" + a.slug()).body();
            assertThat(article).contains("<p>erlaubt <em>kursiv</em></p>").doesNotContain("<script>alert(1)");
            assertThat(Jsoup.parse(article).title()).startsWith("<script>alert(1)</script>");
        }

        @Test
        void pagingWalksEveryArticleExactlyOnce() throws Exception {
            List<String> titles = new ArrayList<>();
            for (int i = 0; i < 47; i++) {
                titles.add("Beitrag " + i);
                fx.add("Beitrag " + i, NOW.minus(Duration.ofHours(i / 3)), i % 2 == 0 ? "verein" : "termine");
            }
            List<String> seen = new ArrayList<>();
            String next = "/";
            int pages = 0;
            while (next != null) {
                Document doc = page(next, 200);
                pages++;
                doc.select("article.teaser h2 a").forEach(e -> seen.add(e.text()));
                Element older = doc.selectFirst("a[rel=next]");
                next = older == null ? null : older.attr("href");
            }
            assertThat(pages).isEqualTo(3);
            assertThat(seen).hasSize(47).containsExactlyInAnyOrderElementsOf(titles);
        }

        @Test
        void aMangledPageAddressIs400WithTheNewestArticles() throws Exception {
            fx.add("Eins", NOW.minus(Duration.ofDays(1)), "verein");
            Document doc = page("/?before=gestern&id=x", 400);
            assertThat(doc.select(".notice").text()).contains("Seitenangabe");
            assertThat(doc.select("article.teaser")).hasSize(1);
        }
    }

    @Nested
    class TopicAndArticle {
        @Test
        void topicPageHoldsOnlyItsTopicAndAdvertisesItsFeedsFirst() throws Exception {
            fx.add("Vereinsabend", NOW.minus(Duration.ofDays(2)), "verein");
            fx.add("Termin im Dezember", NOW.minus(Duration.ofDays(1)), "termine");
            Document doc = page("/topics/termine", 200);
            assertThat(doc.select("h1").text()).isEqualTo("Termine");
            assertThat(doc.select("article.teaser h2 a")).extracting(Element::text).containsExactly("Termin im Dezember");
            assertThat(doc.select("link[rel=alternate]").first().attr("href"))
                    .isEqualTo("https://news.example.org/topics/termine/feed.rss");
            assertThat(doc.select("link[rel=alternate]")).hasSize(6);
        }

        @Test
        void articlePageShowsContentMetaTopicsAndSource() throws Exception {
            var a = fx.add("Jahreshauptversammlung", "<p>Tagesordnung: Wahlen, Kasse</p>", "Einladung",
                    NOW.minus(Duration.ofDays(1)), "verein", "termine");
            Document doc = page("/articles/" + a.slug(), 200);
            assertThat(doc.select("h1").text()).isEqualTo("Jahreshauptversammlung");
            assertThat(doc.select("article p").text()).contains("Tagesordnung: Wahlen, Kasse");
            assertThat(doc.select(".meta").text()).contains("25. November 2026", "Jörg Müßig", "Vereinsleben", "Termine");
            assertThat(doc.select("a[href=" + a.link() + "]")).hasSize(1);
            assertThat(doc.select("img").attr("src")).isEqualTo(a.imageUrl());
        }

        @Test
        void unknownArticleOrTopicIs404WithAHelpfulPage() throws Exception {
            fx.add("Eins", NOW.minus(Duration.ofDays(1)), "verein");
            assertThat(page("/articles/gibt-es-nicht", 404).select(".notice").text()).contains("Diesen Beitrag gibt es nicht");
            assertThat(page("/topics/sport", 404).select(".notice").text()).contains("Dieses Thema gibt es nicht");
            Set<String> links = new HashSet<>(page("/topics/%3Cb%3E", 404).select("a").eachAttr("href"));
            assertThat(links).contains("/subscribe");
        }
    }
}
