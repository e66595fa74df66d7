package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.feed.FeedFixture;
import org.rundbrief.feed.FeedService;

class FeedRoutesTest {
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path dir;
    FeedFixture fx;
    FeedService feeds;
    WebServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        fx = new FeedFixture(dir);
        fx.add("Herbstwanderung", NOW.minus(Duration.ofDays(2)), "termine");
        fx.add("Sommerfest „im Park“", NOW.minus(Duration.ofDays(1)), "verein");
        feeds = new FeedService(fx.articles, FeedFixture.SITE, Clock.fixed(NOW, ZoneOffset.UTC), 50, Duration.ofHours(1));
        WebServer.Routes other = r -> {
            r.get("/hello", ctx -> ctx.result("hallo"));
            r.post("/feed.atom", ctx -> ctx.result("posted"));
        };
        server = new WebServer(List.of(new FeedRoutes(feeds), other));
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
        feeds.close();
        fx.close();
    }

    HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return send("GET", path, headers);
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Nested
    class FullAnswers {
        @Test
        void everyFormatComesWithValidatorsCacheControlAndCharset() throws Exception {
            for (String[] f : new String[][] {{"rss", "application/rss+xml; charset=utf-8"},
                    {"atom", "application/atom+xml; charset=utf-8"}, {"json", "application/feed+json; charset=utf-8"}}) {
                HttpResponse<byte[]> r = get("/feed." + f[0]);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(header(r, "Content-Type")).isEqualToIgnoringCase(f[1]);
                assertThat(header(r, "ETag")).matches("\"[A-Za-z0-9_-]{22}\"");
                assertThat(header(r, "Last-Modified")).isEqualTo("Wed, 25 Nov 2026 12:00:00 GMT");
                assertThat(header(r, "Cache-Control")).isEqualTo("public, max-age=300");
                assertThat(header(r, "Vary")).isEqualTo("Accept-Encoding");
                assertThat(header(r, "Content-Encoding")).isNull();
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("Sommerfest „im Park“");
            }
        }

        @Test
        void gzipWhenAskedWithItsOwnStrongTag() throws Exception {
            HttpResponse<byte[]> plain = get("/feed.atom");
            HttpResponse<byte[]> gz = get("/feed.atom", "Accept-Encoding", "br;q=1.0, gzip;q=0.8");
            assertThat(header(gz, "Content-Encoding")).isEqualTo("gzip");
            try (var in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
                assertThat(in.readAllBytes()).isEqualTo(plain.body());
            }
            assertThat(header(gz, "ETag")).isNotEqualTo(header(plain, "ETag")).endsWith("-gz\"");
            assertThat(header(get("/feed.atom", "Accept-Encoding", "gzip;q=0"), "Content-Encoding")).isNull();
        }

        @Test
        void headGivesTheHeadersOfGetWithoutBody() throws Exception {
            HttpResponse<byte[]> full = get("/feed.rss");
            HttpResponse<byte[]> head = send("HEAD", "/feed.rss");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(header(head, "ETag")).isEqualTo(header(full, "ETag"));
            assertThat(header(head, "Content-Length")).isEqualTo(Integer.toString(full.body().length));
        }

        @Test
        void topicFeedsAndArchivesAnswerUnknownOnesAre404() throws Exception {
            assertThat(new String(get("/topics/termine/feed.atom").body(), StandardCharsets.UTF_8))
                    .contains("Herbstwanderung").doesNotContain("Sommerfest");
            assertThat(get("/archive/2026-11/feed.rss").statusCode()).isEqualTo(200);
            assertThat(get("/topics/verein/archive/2026-11/feed.json").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> unknown = get("/topics/sport/feed.atom");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("'sport'");
            assertThat(get("/archive/2026-13/feed.atom").statusCode()).isEqualTo(404);
            assertThat(get("/archive/2027-01/feed.atom").statusCode()).isEqualTo(404);
            assertThat(get("/topics/%3Cscript%3E/feed.atom").statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class FastPath {
        @Test
        void everythingButFeedGetsAndHeadsFallsThroughToTheOtherRoutes() throws Exception {
            assertThat(new String(get("/hello").body(), StandardCharsets.UTF_8)).isEqualTo("hallo");
            assertThat(new String(send("POST", "/feed.atom").body(), StandardCharsets.UTF_8)).isEqualTo("posted");
            assertThat(get("/feed.xml").statusCode()).isEqualTo(404);
            assertThat(get("/topics/verein/feed.atom/x").statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class ConditionalRequests {
        @Test
        void ifNoneMatchWithTheCurrentTagIs304WithValidatorsAndNoBody() throws Exception {
            HttpResponse<byte[]> first = get("/feed.atom");
            HttpResponse<byte[]> again = get("/feed.atom", "If-None-Match", header(first, "ETag"));
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(header(again, "ETag")).isEqualTo(header(first, "ETag"));
            assertThat(header(again, "Cache-Control")).isEqualTo("public, max-age=300");
            HttpResponse<byte[]> gz = get("/feed.atom", "Accept-Encoding", "gzip");
            assertThat(get("/feed.atom", "Accept-Encoding", "gzip", "If-None-Match", "\"x\", " + header(gz, "ETag"))
                    .statusCode()).isEqualTo(304);
        }

        @Test
        void ifNoneMatchWinsOverIfModifiedSince() throws Exception {
            HttpResponse<byte[]> first = get("/feed.json");
            HttpResponse<byte[]> r = get("/feed.json", "If-None-Match", "\"stale\"",
                    "If-Modified-Since", header(first, "Last-Modified"));
            assertThat(r.statusCode()).isEqualTo(200);
        }

        @Test
        void ifModifiedSinceAnswers304OnlyWhenNothingChangedSince() throws Exception {
            HttpResponse<byte[]> first = get("/feed.rss");
            assertThat(get("/feed.rss", "If-Modified-Since", header(first, "Last-Modified")).statusCode()).isEqualTo(304);
            assertThat(get("/feed.rss", "If-Modified-Since", "Tue, 24 Nov 2026 12:00:00 GMT").statusCode()).isEqualTo(200);
            assertThat(get("/feed.rss", "If-Modified-Since", "not a date").statusCode()).isEqualTo(200);
        }

        @Test
        void aNewArticleMakesTheOldTagStaleAndTheNewOneValid() throws Exception {
            HttpResponse<byte[]> first = get("/feed.atom");
            fx.add("Neu: Weihnachtsfeier", NOW.minus(Duration.ofHours(1)), "verein");
            feeds.refresh();
            HttpResponse<byte[]> changed = get("/feed.atom", "If-None-Match", header(first, "ETag"));
            assertThat(changed.statusCode()).isEqualTo(200);
            assertThat(new String(changed.body(), StandardCharsets.UTF_8)).contains("Weihnachtsfeier");
            assertThat(header(changed, "Last-Modified")).isEqualTo("Thu, 26 Nov 2026 11:00:00 GMT");
            assertThat(get("/feed.atom", "If-None-Match", header(changed, "ETag")).statusCode()).isEqualTo(304);
        }

        @Test
        void anEditedArticleMakesTheOldTagStale() throws Exception {
            HttpResponse<byte[]> first = get("/topics/termine/feed.rss");
            fx.retitle(fx.articles.recent(1, java.util.Optional.of("termine")).get(0), "Herbstwanderung (verschoben)",
                    NOW.minus(Duration.ofMinutes(5)));
            feeds.refresh();
            HttpResponse<byte[]> changed = get("/topics/termine/feed.rss", "If-None-Match", header(first, "ETag"));
            assertThat(changed.statusCode()).isEqualTo(200);
            assertThat(new String(changed.body(), StandardCharsets.UTF_8)).contains("(verschoben)");
        }
    }
}
