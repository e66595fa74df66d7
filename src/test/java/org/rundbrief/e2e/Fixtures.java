package org.rundbrief.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rundbrief.testing.CommandRun;
import org.rundbrief.testing.TestDatabase;

/** Real parts for end-to-end tests: GreenMail SMTP, a static HTTP server, and the CLI in-process. */
final class Fixtures {
    private Fixtures() {}

    static GreenMail smtp() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        return mail;
    }

    /** Serves classpath resources under /: e.g. /verein-rss2.xml from src/test/resources/e2e/. */
    static HttpServer feedServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = Fixtures.class.getResourceAsStream("/e2e" + exchange.getRequestURI().getPath())) {
                if (in == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    byte[] body = in.readAllBytes();
                    exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    /** A config file in {@code dir} for GreenMail on {@code smtpPort} and one feed source. */
    static Path config(Path dir, int smtpPort, String feedUrl, String extra) throws IOException {
        Path file = dir.resolve("rundbrief.yml");
        Files.writeString(file, """
                site: { title: "Kleingartenverein „Sonnenhang“ e.V.", baseUrl: "https://news.example.org" }
                %s
                smtp: { host: 127.0.0.1, port: %d, from: "Verein Sonnenhang <news@example.org>", connections: 2, ratePerSecond: 1000 }
                collect: { allowPrivateNetworks: true }
                delivery: { maxAgeDays: 3650 }
                sources:
                  - { type: feed, url: "%s", topics: [verein] }
                %s
                """.formatted(TestDatabase.yaml(dir), smtpPort, feedUrl, extra));
        return file;
    }

    static CommandRun cli(String... args) {
        return CommandRun.of(args);
    }
}
