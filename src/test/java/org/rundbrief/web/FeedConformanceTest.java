package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.feed.FeedFixture;
import org.rundbrief.feed.FeedService;

/**
 * Every feed variant fetched over HTTP by Python's feedparser (Debian's python3-feedparser, run
 * with Debian's /usr/bin/python3, not a pyenv shim) must parse without the bozo flag, whatever the
 * article text holds, and must answer feedparser's conditional GET with 304.
 */
class FeedConformanceTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final String HOSTILE = "Steuer\u0001zeichen ]]> <&> 🎉 „Zitat“ – שלום عربي";

    @TempDir
    Path dir;
    FeedFixture fx;
    FeedService feeds;
    WebServer server;

    @BeforeEach
    void start() {
        fx = new FeedFixture(dir);
        for (int i = 0; i < 8; i++) {
            fx.add(HOSTILE + " " + i, "<p>" + HOSTILE.replace("<&>", "&lt;&amp;&gt;") + "</p><p>]]></p>",
                    "Kurz " + i + " \u0008]]>", NOW.minus(Duration.ofDays(1 + i * 20L)), i % 2 == 0 ? "verein" : "termine");
        }
        feeds = new FeedService(fx.articles, FeedFixture.SITE, Clock.fixed(NOW, ZoneOffset.UTC), 3, Duration.ofHours(1));
        server = new WebServer(List.of(new FeedRoutes(feeds)));
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
        feeds.close();
        fx.close();
    }

    @Test
    void feedparserReadsEveryVariantWithoutBozoAndGets304OnItsSecondFetch() throws Exception {
        String base = "http://localhost:" + server.port();
        List<String> urls = new ArrayList<>();
        for (String ext : List.of("rss", "atom", "json")) {
            urls.add(base + "/feed." + ext);
            urls.add(base + "/topics/termine/feed." + ext);
            urls.add(base + "/archive/2026-09/feed." + ext);
            urls.add(base + "/topics/verein/archive/2026-11/feed." + ext);
        }
        List<JsonNode> results = feedparser(urls);
        assertThat(results).hasSize(urls.size());
        for (JsonNode r : results) {
            String url = r.get("url").asText();
            assertThat(r.get("bozo").asBoolean()).as(url + ": " + r.get("bozo_exception")).isFalse();
            assertThat(r.get("status").asInt()).as(url).isEqualTo(200);
            assertThat(r.get("again_status").asInt()).as(url + " conditional GET").isEqualTo(304);
            String expectedVersion = url.endsWith(".rss") ? "rss20" : url.endsWith(".atom") ? "atom10" : "json11";
            assertThat(r.get("version").asText()).as(url).isEqualTo(expectedVersion);
            assertThat(r.get("ids").size()).as(url).isPositive();
            r.get("ids").forEach(id -> assertThat(id.asText()).startsWith("tag:news.example.org,"));
            r.get("titles").forEach(t -> assertThat(t.asText()).contains("]]> <&> 🎉 „Zitat“ – שלום عربي"));
            r.get("published").forEach(p -> assertThat(p.asBoolean()).as(url + " date parsed").isTrue());
            r.get("links").forEach(l -> assertThat(l.asText()).startsWith("https://news.example.org/articles/"));
        }
    }

    static List<JsonNode> feedparser(List<String> urls) throws IOException, InterruptedException {
        assertThat(PYTHON).as("Debian's python3 (apt-get install -y python3-feedparser)").exists();
        Path script = Files.createTempFile("feedparser_check", ".py");
        try (var in = FeedConformanceTest.class.getResourceAsStream("/feed/feedparser_check.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        cmd.addAll(urls);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Files.deleteIfExists(script);
        assertThat(p.exitValue()).as("feedparser run failed (is python3-feedparser installed?): " + err).isZero();
        List<JsonNode> results = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                results.add(json.readTree(line));
            }
        }
        return results;
    }
}
