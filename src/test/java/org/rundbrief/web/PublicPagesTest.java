package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rundbrief.app.App;
import org.rundbrief.article.ArticleDraft;
import org.rundbrief.config.ConfigLoader;
import org.rundbrief.edition.Edition;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.NewSubscriber;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.testing.MutableClock;
import org.rundbrief.testing.TestDatabase;

/**
 * The public pages as the composition root wires them: answered from the render cache with the
 * feeds' validators (strong ETag, Last-Modified, 304, gzip, HEAD), dropped in the same poll as the
 * feeds when an article changes, on the node that changed it and on another node sharing the
 * database. Personal pages stay out of every cache.
 */
class PublicPagesTest {
    static final Duration POLL_LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    Node a;

    /** One serving node: an App with its HTTP server. */
    final class Node implements AutoCloseable {
        final App app;
        final WebServer web;

        /** On the test's database (H2 in server mode, or PostgreSQL): every node of a test shares it. */
        Node(String name) throws Exception {
            Path home = Files.createDirectories(dir.resolve(name));
            Path config = home.resolve("rundbrief.yml");
            Files.writeString(config, """
                    site: { title: "Verein „Sonnenhang“", baseUrl: "https://news.example.org", language: de }
                    %s
                    """.formatted(TestDatabase.yaml(dir)));
            app = new App(ConfigLoader.load(config, true, Map.of()), home, clock);
            web = app.webServer(List.of());
            web.start(0);
        }

        HttpResponse<byte[]> get(String path, String... headers) throws Exception {
            return send("GET", path, headers);
        }

        HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + web.port() + path))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (headers.length > 0) {
                b.headers(headers);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        String etag(String path) throws Exception {
            HttpResponse<byte[]> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            return r.headers().firstValue("ETag").orElseThrow();
        }

        String text(String path) throws Exception {
            return new String(get(path).body(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            web.close();
            app.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        a = new Node("a");
    }

    @AfterEach
    void stop() {
        a.close();
    }

    /** Stores (or, with the same guid, updates) an article through the real store; returns its slug. */
    String article(App app, String guid, String title) {
        clock.advance(Duration.ofSeconds(1)); // the version marker is the newest change time
        app.articles.upsert("test", new ArticleDraft(guid, title, "https://verein.example.org/" + guid, "Jörg Müßig",
                "Zusammenfassung: " + title, "<p>" + title + "</p>", title, null, "de", List.of("verein"),
                Instant.parse("2026-11-19T10:00:00Z"), "hash-" + title));
        return app.articles.recent(10, Optional.empty()).stream().filter(x -> x.guid().equals(guid)).findFirst()
                .orElseThrow().slug();
    }

    long sentEdition(App app) {
        long id = app.editionStore.insert(Cadence.WEEKLY, null, Edition.Status.DONE, clock.instant(), clock.instant());
        app.editionStore.finish(id, clock.instant());
        return id;
    }

    @Nested
    class Validators {
        @ParameterizedTest
        @ValueSource(strings = {"/", "/topics/verein", "/articles/", "/editions/", "/subscribe"})
        void everyPublicPageHasAStrongETagLastModified304GzipAndHead(String kind) throws Exception {
            String slug = article(a.app, "g1", "Sommerfest „im Park“ – mit Grill");
            long edition = sentEdition(a.app);
            a.app.renderCache.refresh();
            String path = kind.equals("/articles/") ? kind + slug : kind.equals("/editions/") ? kind + edition : kind;

            HttpResponse<byte[]> full = a.get(path);
            assertThat(full.statusCode()).isEqualTo(200);
            String etag = full.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
            assertThat(full.headers().firstValue("Last-Modified")).isPresent();
            assertThat(full.headers().firstValue("Cache-Control")).hasValue(PublicPages.CACHE_CONTROL);
            assertThat(full.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(full.headers().firstValue("Vary").orElseThrow()).contains("Accept-Encoding");
            assertThat(new String(full.body(), StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>");

            HttpResponse<byte[]> notModified = a.get(path, "If-None-Match", etag);
            assertThat(notModified.statusCode()).isEqualTo(304);
            assertThat(notModified.body()).isEmpty();
            assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);

            HttpResponse<byte[]> since = a.get(path, "If-Modified-Since", full.headers().firstValue("Last-Modified").get());
            assertThat(since.statusCode()).isEqualTo(304);

            HttpResponse<byte[]> gzip = a.get(path, "Accept-Encoding", "gzip");
            assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(gzip.headers().firstValue("ETag")).hasValue(etag.replace("\"", "").transform(t -> "\"" + t + "-gz\""));
            try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
                assertThat(in.readAllBytes()).isEqualTo(full.body());
            }

            HttpResponse<byte[]> head = a.send("HEAD", path);
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(full.body().length));
            assertThat(head.headers().firstValue("ETag")).hasValue(etag);
        }

        @Test
        void theSubscribeFormIsCachedPerLanguageAndSaysSo() throws Exception {
            HttpResponse<byte[]> de = a.get("/subscribe", "Accept-Language", "de-DE,de;q=0.9,en;q=0.5");
            HttpResponse<byte[]> en = a.get("/subscribe", "Accept-Language", "en-GB,en;q=0.9");
            assertThat(new String(de.body(), StandardCharsets.UTF_8)).contains("<html lang=\"de\"");
            assertThat(new String(en.body(), StandardCharsets.UTF_8)).contains("<html lang=\"en\"");
            assertThat(de.headers().firstValue("ETag")).isNotEqualTo(en.headers().firstValue("ETag"));
            for (HttpResponse<byte[]> r : List.of(de, en)) {
                assertThat(r.headers().firstValue("Vary")).hasValue("Accept-Encoding, Accept-Language");
            }
            assertThat(a.get("/subscribe", "Accept-Language", "en", "If-None-Match",
                    en.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);
            // A language we do not speak gets the site's language; a broken header too.
            assertThat(a.get("/subscribe", "Accept-Language", "fr").headers().firstValue("ETag"))
                    .isEqualTo(de.headers().firstValue("ETag"));
            assertThat(a.get("/subscribe", "Accept-Language", ";;;").statusCode()).isEqualTo(200);
        }

        @Test
        void archivePagesDoNotVaryByLanguage() throws Exception {
            article(a.app, "g1", "Sommerfest");
            assertThat(a.get("/").headers().firstValue("Vary")).hasValue("Accept-Encoding");
        }
    }

    @Nested
    class WhatIsNotCached {
        @Test
        void unknownPagesAndMalformedLinksStillGetTheirErrorPages() throws Exception {
            article(a.app, "g1", "Sommerfest");
            for (String path : List.of("/articles/gibt-es-nicht", "/topics/gibt-es-nicht", "/editions/999", "/editions/x")) {
                HttpResponse<byte[]> r = a.get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(r.headers().firstValue("ETag")).as(path).isEmpty();
            }
            HttpResponse<byte[]> bad = a.get("/?before=gestern&id=1");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.headers().firstValue("ETag")).isEmpty();
        }

        @Test
        void anEditionStillPlanningIsNoPage() throws Exception {
            long id = a.app.editionStore.insert(Cadence.WEEKLY, null, Edition.Status.PLANNING, clock.instant(), clock.instant());
            assertThat(a.get("/editions/" + id).statusCode()).isEqualTo(404);
        }

        @Test
        void personalPagesCarryNoETagAndAreKeptByNoCache() throws Exception {
            Subscriber s = a.app.subscriberService.addConfirmed(new NewSubscriber(EmailAddress.parse("anna@example.org"),
                    "Anna", Cadence.WEEKLY, "de", List.of("verein")), "test");
            String base = "https://news.example.org";
            for (String url : List.of(a.app.tokens.preferencesUrl(s), a.app.tokens.unsubscribeUrl(s))) {
                String path = url.substring(base.length());
                HttpResponse<byte[]> first = a.get(path);
                assertThat(first.statusCode()).as(path).isEqualTo(200);
                assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains("anna@example.org");
                assertThat(first.headers().firstValue("ETag")).as(path).isEmpty();
                assertThat(first.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
            }
        }
    }

    @Nested
    class Invalidation {
        @Test
        void aChangedArticleChangesItsPagesInTheSamePollAsTheFeed() throws Exception {
            String slug = article(a.app, "g1", "Sommerfest am Samstag");
            article(a.app, "g2", "Jahreshauptversammlung");
            String page = a.etag("/articles/" + slug);
            String index = a.etag("/");
            String topic = a.etag("/topics/verein");
            String feed = a.etag("/feed.atom");

            article(a.app, "g1", "Sommerfest am Sonntag");
            await().atMost(POLL_LIMIT).until(() -> !a.etag("/feed.atom").equals(feed));
            // The feed moved: the pages were dropped by the same refresh, so they have moved too.
            assertThat(a.etag("/articles/" + slug)).isNotEqualTo(page);
            assertThat(a.etag("/")).isNotEqualTo(index);
            assertThat(a.etag("/topics/verein")).isNotEqualTo(topic);
            assertThat(a.text("/articles/" + slug)).contains("Sommerfest am Sonntag").doesNotContain("Samstag");
        }

        @Test
        void aSentEditionAppearsOnTheIndex() throws Exception {
            article(a.app, "g1", "Sommerfest");
            String index = a.text("/");
            long id = sentEdition(a.app);
            await().atMost(POLL_LIMIT).until(() -> a.text("/").contains("/editions/" + id));
            assertThat(index).doesNotContain("/editions/" + id);
        }

        @Test
        void aChangeMadeOnAnotherNodeReachesThisNodesPagesWithItsFeed() throws Exception {
            try (Node b = new Node("b")) {
                String slug = article(a.app, "g1", "Sommerfest am Samstag");
                await().atMost(POLL_LIMIT).until(() -> b.get("/articles/" + slug).statusCode() == 200);
                String page = b.etag("/articles/" + slug);
                String index = b.etag("/");
                String feed = b.etag("/feed.atom");

                article(a.app, "g1", "Sommerfest am Sonntag");
                await().atMost(POLL_LIMIT).until(() -> !b.etag("/feed.atom").equals(feed));
                assertThat(b.etag("/articles/" + slug)).isNotEqualTo(page);
                assertThat(b.etag("/")).isNotEqualTo(index);
                assertThat(b.text("/articles/" + slug)).contains("Sommerfest am Sonntag");
                // Both nodes render the same bytes, so they name them with the same tag.
                await().atMost(POLL_LIMIT).until(() -> a.etag("/articles/" + slug).equals(b.etag("/articles/" + slug)));
            }
        }
    }
}
