package org.rundbrief.e2e;

import com.icegreen.greenmail.util.GreenMail;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
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
    private final Path dir;
    private final Map<String, String> env;

    AdminHarness(Path dir, String token) {
        this(dir, token, Map.of());
    }

    /** {@code extra}: more RUNDBRIEF_* settings, e.g. RUNDBRIEF_ADMIN_APPROVAL. */
    AdminHarness(Path dir, String token, Map<String, String> extra) {
        this(dir, token, extra, (harness, env) -> TestApps.app(dir, harness.clock, env));
    }

    /**
     * An installation as the commands make it: on PostgreSQL on the database's time
     * ({@link App#onMachineClock}), with {@code machine} as this machine's clock; on H2 on {@code machine}.
     */
    static AdminHarness onMachineClock(Path dir, Clock machine) {
        return new AdminHarness(dir, TOKEN, Map.of(), (harness, env) -> App.onMachineClock(TestApps.config(dir, env), dir, machine));
    }

    private AdminHarness(Path dir, String token, Map<String, String> extra, BiFunction<AdminHarness, Map<String, String>, App> appOf) {
        this.dir = dir;
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "RUNDBRIEF_SECURITY_ADMINTOKEN", token,
                "RUNDBRIEF_SMTP_HOST", "127.0.0.1",
                "RUNDBRIEF_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()),
                "RUNDBRIEF_SMTP_RATEPERSECOND", "1000",
                "RUNDBRIEF_DELIVERY_MAXAGEDAYS", "3650"));
        env.putAll(extra);
        this.env = env;
        app = appOf.apply(this, env);
        web = app.webServer(List.of());
        base = "http://127.0.0.1:" + web.start(0);
    }

    private AdminHarness(AdminHarness before) {
        this.dir = before.dir;
        this.env = new java.util.HashMap<>(before.env);
        env.put("RUNDBRIEF_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()));
        clock.advance(Duration.between(clock.instant(), before.clock.instant()));
        app = TestApps.app(dir, clock, env);
        web = app.webServer(List.of());
        base = "http://127.0.0.1:" + web.start(0);
    }

    /** Stops this server and starts a new one on the same database (a restart, or a second node). */
    AdminHarness restart() {
        close();
        return new AdminHarness(this);
    }

    record Page(int status, String body, String setCookie, String location) {}

    /** A browser-like request to the admin pages: an optional cookie and an optional form body. */
    Page page(String method, String path, String cookie, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Page(r.statusCode(), r.body(), r.headers().firstValue("Set-Cookie").orElse(null),
                r.headers().firstValue("Location").orElse(null));
    }

    /** A multipart form post (as a browser sends a file upload): {@code fields} in order, then the file as field {@code file}. */
    Page upload(String path, String cookie, Map<String, String> fields, String fileName, byte[] content) throws Exception {
        return upload(path, cookie, fields, fileName, content, "file");
    }

    /** The same with the file as field {@code fileField}. */
    Page upload(String path, String cookie, Map<String, String> fields, String fileName, byte[] content, String fileField)
            throws Exception {
        String boundary = "----rundbrief" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
        return new Page(answer.statusCode(), answer.body(), answer.headers().firstValue("Set-Cookie").orElse(null),
                answer.headers().firstValue("Location").orElse(null));
    }

    static String csrf(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("the page has no form with a CSRF token: " + html);
        }
        return m.group(1);
    }

    static String cookieOf(Page p) {
        return p.setCookie().substring(0, p.setCookie().indexOf(';'));
    }

    static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(b.isEmpty() ? "" : "&").append(pairs[i]).append('=')
                    .append(java.net.URLEncoder.encode(pairs[i + 1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** Logs in through the login form (empty email: security.adminToken); the session cookie. */
    String login(String email, String password) throws Exception {
        Page form = page("GET", "/admin/login", null, null);
        String formCookie = cookieOf(form);
        Page in = page("POST", "/admin/login", formCookie, form("csrf", csrf(form.body()), "email", email, "password", password));
        if (in.status() != 302 || !"/admin".equals(in.location())) {
            throw new AssertionError("login of '" + email + "' failed: " + in.status() + " " + in.body());
        }
        return cookieOf(in);
    }

    /** A user with a password set through their invitation link. */
    org.rundbrief.admin.AdminUser user(String email, org.rundbrief.admin.Role role, String password) {
        var invitation = app.accounts.invite(org.rundbrief.admin.AuditLog.Actor.CLI, email, null, role);
        String token = invitation.link().substring(invitation.link().lastIndexOf('/') + 1);
        return app.accounts.acceptInvitation(token, password, "127.0.0.1");
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
        addMembers();
        clock.advance(Duration.ofMinutes(5));
        addArticle();
    }

    /** A new club: one article collected first and, five minutes later, three members who never got a digest. */
    void seedArticleBeforeMembers() throws Exception {
        addArticle();
        clock.advance(Duration.ofMinutes(5));
        addMembers();
    }

    private void addMembers() throws Exception {
        // ASCII addresses: GreenMail offers no SMTPUTF8, and a message to a UTF-8 address is not sent there.
        String[][] members = {{"anna@example.org", "Anna"}, {"joerg@example.net", "Jörg Groß"}, {"chris@example.com", "Chris"}};
        for (String[] who : members) {
            HttpResponse<String> r = api("POST", "/api/subscribers",
                    "{\"email\":\"" + who[0] + "\",\"name\":\"" + who[1] + "\",\"cadence\":\"daily\",\"note\":\"Jahreshauptversammlung\"}");
            if (r.statusCode() != 201) {
                throw new AssertionError(r.body());
            }
        }
    }

    private void addArticle() throws Exception {
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
