package org.rundbrief.e2e;

import com.icegreen.greenmail.util.GreenMail;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.rundbrief.app.App;
import org.rundbrief.subscriber.TestApps;
import org.rundbrief.testing.MutableClock;
import org.rundbrief.web.WebServer;

/** The real wiring for admin tests: the test database in a temp dir, GreenMail SMTP, the web server on port 0. */
final class AdminHarness implements AutoCloseable {
    static final String TOKEN = "s3cret-admin-token-for-tests";

    final GreenMail mail = Fixtures.smtp();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T06:00:00Z"));
    final App app;
    final WebServer web;
    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminHarness(Path dir, String token) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "RUNDBRIEF_SECURITY_ADMINTOKEN", token,
                "RUNDBRIEF_SMTP_HOST", "127.0.0.1",
                "RUNDBRIEF_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()),
                "RUNDBRIEF_SMTP_RATEPERSECOND", "1000",
                "RUNDBRIEF_DELIVERY_MAXAGEDAYS", "3650"));
        app = TestApps.app(dir, clock, env);
        web = app.webServer(List.of());
        base = "http://127.0.0.1:" + web.start(0);
    }

    HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> api(String method, String path, String json) throws Exception {
        return call(method, path, TOKEN, json);
    }

    /** Three confirmed daily subscribers and, five minutes later, one new manual article (via the API). */
    void seedDailyEdition() throws Exception {
        for (String who : new String[] {"anna@example.org", "joerg@example.net", "chris@example.com"}) {
            HttpResponse<String> r = api("POST", "/api/subscribers",
                    "{\"email\":\"" + who + "\",\"name\":\"Mitglied\",\"cadence\":\"daily\",\"note\":\"Jahreshauptversammlung\"}");
            if (r.statusCode() != 201) {
                throw new AssertionError(r.body());
            }
        }
        clock.advance(Duration.ofMinutes(5));
        HttpResponse<String> article = api("POST", "/api/articles", """
                {"title":"Sommerfest am Sonnenhang – „Grillen & Gießen“","html":"<p>Große Straße, Maß halten.</p><script>x</script>",
                 "topics":["verein"],"publishedAt":"2026-03-02T05:00:00Z"}""");
        if (article.statusCode() != 201) {
            throw new AssertionError(article.body());
        }
    }

    @Override
    public void close() {
        web.close();
        app.close();
        mail.stop();
    }
}
