package org.rundbrief.web;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rundbrief.testing.Installation;

/**
 * A running site for the member's-eye tests: a real installation with GreenMail as its mail server
 * and its web server on a free port, asked over real HTTP; its outbox is sent as {@code serve} sends it.
 */
final class LiveSite implements AutoCloseable {
    /** The installation's site.baseUrl: links in mails start with it. */
    static final String BASE = "https://news.example.org";

    final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    final Installation inst;
    final WebServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    /** {@code env}: config overrides ({@code RUNDBRIEF_SITE_IMPRINTURL}, ...). */
    LiveSite(Path dir, Map<String, String> env) throws Exception {
        smtp.start();
        inst = new Installation(dir, smtp.getSmtp().getPort(), "", env);
        server = inst.app.webServer(List.of());
        server.start(0);
        inst.app.outboxSender.start(); // as serve does: the mails the forms cause go out from the outbox
    }

    /** GET {@code target} (a path, or a link from a mail), or POST {@code form} (urlencoded) to it when not null. */
    HttpResponse<String> request(String target, String form) throws Exception {
        String path = target.startsWith(BASE) ? target.substring(BASE.length()) : target;
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
        inst.close();
        smtp.stop();
    }
}
