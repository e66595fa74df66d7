package org.rundbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.testing.CommandRun;
import org.rundbrief.testing.TestDatabase;

/** {@code collect} and {@code articles add|list} through the real command line. */
class CollectCommandTest {
    @TempDir
    Path dir;
    HttpServer server;
    String out;
    String err;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] feed;
        try (InputStream in = getClass().getResourceAsStream("/collect/feeds/verein-rss2.xml")) {
            feed = in.readAllBytes();
        }
        server.createContext("/rss.xml", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, feed.length);
            try (ex; var body = ex.getResponseBody()) {
                body.write(feed);
            }
        });
        server.createContext("/gone.xml", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private Path config(String... sources) throws Exception {
        StringBuilder yaml = new StringBuilder(TestDatabase.yaml(dir) + "\ncollect: { allowPrivateNetworks: true, timeoutSeconds: 5 }\nsources:" + (sources.length == 0 ? " []" : "") + "\n");
        for (String s : sources) {
            yaml.append("  - ").append(s).append('\n');
        }
        Path file = dir.resolve("rundbrief.yml");
        Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private int run(String... args) {
        CommandRun r = CommandRun.of(args);
        out = r.out();
        err = r.err();
        return r.exit();
    }

    @Test
    void printsOneLinePerSourceAndASummaryAndExitsOneWhenASourceFailed() throws Exception {
        Path cfg = config("{ type: feed, url: \"" + url("/rss.xml") + "\" }", "{ type: feed, url: \"" + url("/gone.xml") + "\" }");
        assertThat(run("collect", "--config", cfg.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(out.lines()).containsExactly("feed:" + url("/rss.xml") + " new 2, updated 0, unchanged 0",
                "feed:" + url("/gone.xml") + " FAILED: HTTP 500 from " + url("/gone.xml"),
                "2 sources: 1 collected, 1 failed; 2 new articles");
        assertThat(err).as("each failure is printed once, on stdout").doesNotContain("FAILED", "gone.xml");

        assertThat(run("collect", "--config", cfg.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(out.lines().findFirst().orElseThrow()).endsWith("new 0, updated 0, unchanged 2");
    }

    @Test
    void aRefusedConnectionAndAnUnknownHostAreSaidInWords() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path cfg = config("{ type: feed, url: \"http://127.0.0.1:" + closedPort + "/feed.xml\" }",
                "{ type: feed, url: \"https://verein.invalid/feed.xml\" }");

        assertThat(run("collect", "--config", cfg.toString())).isEqualTo(ExitCodes.FAILED);

        assertThat(out).contains("FAILED: connection refused by 127.0.0.1:" + closedPort)
                .contains("FAILED: unknown host verein.invalid")
                .doesNotContain("Exception").contains("2 sources: 0 collected, 2 failed");
    }

    @Test
    void exitsOneWhenEverySourceFailed() throws Exception {
        Path cfg = config("{ type: feed, url: \"" + url("/gone.xml") + "\" }");
        assertThat(run("collect", "--config", cfg.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(out).contains("FAILED");
    }

    @Test
    void addsAManualArticleAndListsNewestFirst() throws Exception {
        Path cfg = config("{ type: feed, url: \"" + url("/rss.xml") + "\" }");
        run("collect", "--config", cfg.toString());
        Path md = dir.resolve("gruss.md");
        Files.writeString(md, "---\ntitle: \"Grüße vom Vorstand – „Danke“\"\npublished: 2026-04-02T10:00:00+02:00\n---\nHallo **alle**!\n");

        assertThat(run("articles", "add", md.toString(), "--config", cfg.toString())).isZero();
        assertThat(out).contains("gruss.md: new");
        assertThat(run("articles", "list", "--config", cfg.toString())).isZero();
        assertThat(out.lines()).first().asString()
                .isEqualTo("2026-04-02 10:00  gruesse-vom-vorstand-danke  Grüße vom Vorstand – „Danke“");
        assertThat(out.lines()).hasSize(3);
    }

    @Test
    void addingAnArticleThatNamesAnUnknownTopicIsRefusedNamingItAndStoresNothing() throws Exception {
        Path cfg = config();
        Path md = dir.resolve("turnier.md");
        Files.writeString(md, "---\ntitle: \"Turnier\"\ntopics: [verein, sport]\n---\nAnpfiff um 10 Uhr.\n");

        assertThat(run("articles", "add", md.toString(), "--config", cfg.toString())).as(() -> err).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("turnier.md names topic 'sport', which is not in the config (configured: verein, termine, "
                + "veranstaltungen)").contains("nothing was stored");
        assertThat(run("articles", "list", "--config", cfg.toString())).isZero();
        assertThat(out).doesNotContain("Turnier");
    }

    @Test
    void addingAMissingFileIsAUsageError() throws Exception {
        Path cfg = config();
        assertThat(run("articles", "add", dir.resolve("nope.md").toString(), "--config", cfg.toString())).as(() -> err).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("nope.md does not exist");
    }
}
