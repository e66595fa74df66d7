package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.rundbrief.app.App;
import org.rundbrief.admin.AdminActions;
import org.rundbrief.admin.AdminStore;
import org.rundbrief.admin.AuditLog;
import org.rundbrief.admin.EditionDesk;
import org.rundbrief.admin.Stats;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.subscriber.SubscriberStore;

/**
 * The admin pages under {@code /admin}: server-rendered (templates/web/admin/), readable on a
 * phone, no JavaScript (a running send's page refreshes itself with a meta tag). Login with the
 * admin secret; then an HttpOnly, SameSite=Strict session cookie, and every form carries the
 * session's CSRF token: a POST without it is refused with 403 before anything happens.
 */
public final class AdminPages implements WebServer.Routes {
    static final String COOKIE = "rundbrief_admin";
    private static final String PAGE_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "frame-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    // The preview is the mail's own HTML: shown sandboxed (no scripts, no forms), only inside our pages.
    private static final String PREVIEW_CSP = "sandbox; default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; "
            + "frame-ancestors 'self'";

    private final App app;
    private final ClientAddress clients;
    private final AdminAuth auth;
    private final String language;
    private final DateTimeFormatter time;

    public AdminPages(App app, AdminAuth auth, ClientAddress clients) {
        this.app = app;
        this.clients = clients;
        this.auth = auth;
        this.language = app.config.site().language();
        ZoneId zone = app.config.site().zone();
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    }

    @FunctionalInterface
    private interface PageHandler {
        void handle(Context ctx, AdminAuth.Session session, AuditLog.Actor actor) throws Exception;
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/admin/login", this::loginForm);
        r.post("/admin/login", this::login);
        r.post("/admin/logout", form((ctx, s, who) -> {
            auth.end(s.id());
            app.audit.record(who, "logout", null, null);
            ctx.header("Set-Cookie", cookie(ctx, "", 0));
            ctx.redirect("/admin/login");
        }));
        r.get("/admin", page(this::dashboard));
        r.post("/admin/editions", form(this::createEdition));
        r.get("/admin/editions/{id}", page(this::edition));
        r.get("/admin/editions/{id}/preview", page(this::previewFrame));
        r.get("/admin/editions/{id}/confirm", page(this::confirm));
        for (AdminActions.EditionAction action : AdminActions.EditionAction.values()) {
            r.post("/admin/editions/{id}/" + action.name().toLowerCase(Locale.ROOT), form((ctx, s, who) -> {
                long id = AdminApi.id(ctx);
                app.adminActions.edition(who, id, action);
                ctx.redirect("/admin/editions/" + id);
            }));
        }
        r.get("/admin/subscribers", page(this::subscribers));
        r.get("/admin/subscribers/{id}", page(this::subscriber));
        r.get("/admin/sources", page(this::sources));
        r.post("/admin/collect", form(this::collect));
        r.post("/admin/jobs/{name}/run", form(this::runJob));
    }

    // --- the gate: sessions, CSRF, errors ---

    private Handler page(PageHandler handler) {
        return ctx -> {
            if (!auth.enabled()) {
                error(ctx, 401, msg("admin.disabled"));
                return;
            }
            Optional<AdminAuth.Session> s = auth.session(ctx.cookie(COOKIE)).filter(AdminAuth.Session::loggedIn);
            if (s.isEmpty()) {
                ctx.redirect("/admin/login");
                return;
            }
            guarded(ctx, s.get(), handler);
        };
    }

    /** POST: the CSRF token must match the session's, or nothing happens (403). */
    private Handler form(PageHandler handler) {
        return ctx -> {
            Optional<AdminAuth.Session> s = auth.session(ctx.cookie(COOKIE));
            if (s.isEmpty() || !AdminAuth.csrfValid(s.get(), ctx.formParam("csrf"))) {
                error(ctx, 403, msg("admin.csrf"));
                return;
            }
            if (!s.get().loggedIn()) {
                ctx.redirect("/admin/login");
                return;
            }
            guarded(ctx, s.get(), handler);
        };
    }

    private void guarded(Context ctx, AdminAuth.Session s, PageHandler handler) throws Exception {
        ctx.header("Cache-Control", "no-store");
        try {
            handler.handle(ctx, s, new AuditLog.Actor("admin", "page", clients.of(ctx)));
        } catch (BadInput | IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
        } catch (NoSuchElementException e) {
            error(ctx, 404, e.getMessage());
        } catch (IllegalStateException e) {
            error(ctx, 409, e.getMessage());
        }
    }

    private void render(Context ctx, AdminAuth.Session s, String template, Map<String, Object> model) {
        Map<String, Object> m = new HashMap<>(model);
        m.put("csrf", s == null ? "" : s.csrf());
        m.put("site", app.config.site().title());
        ctx.header("Content-Security-Policy", PAGE_CSP).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .contentType("text/html; charset=utf-8")
                .result(app.templates.render("web/admin/" + template + ".html.ftl", m, language));
    }

    private void error(Context ctx, int status, String message) {
        ctx.status(status);
        render(ctx, null, "error", Map.of("status", status, "message", message));
    }

    private String msg(String key) {
        return app.templates.messages(language).getOrDefault(key, key);
    }

    private static String cookie(Context ctx, String value, int maxAgeSeconds) {
        boolean https = "https".equals(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return COOKIE + "=" + value + "; Path=/admin; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "");
    }

    // --- login ---

    private void loginForm(Context ctx) {
        if (!auth.enabled()) {
            error(ctx, 401, msg("admin.disabled"));
            return;
        }
        AdminAuth.Session s = auth.session(ctx.cookie(COOKIE)).orElseGet(() -> {
            AdminAuth.Session fresh = auth.newSession(false);
            ctx.header("Set-Cookie", cookie(ctx, fresh.id(), (int) AdminAuth.SESSION_IDLE.toSeconds()));
            return fresh;
        });
        if (s.loggedIn()) {
            ctx.redirect("/admin");
            return;
        }
        render(ctx, s, "login", Map.of("error", ""));
    }

    private void login(Context ctx) {
        Optional<AdminAuth.Session> s = auth.session(ctx.cookie(COOKIE));
        if (s.isEmpty() || !AdminAuth.csrfValid(s.get(), ctx.formParam("csrf"))) {
            error(ctx, 403, msg("admin.csrf"));
            return;
        }
        if (!auth.tryLoginAttempt(clients.of(ctx))) {
            ctx.status(429).header("Retry-After", "60");
            render(ctx, s.get(), "login", Map.of("error", msg("admin.login.tooMany")));
            return;
        }
        AuditLog.Actor who = new AuditLog.Actor("admin", "page", clients.of(ctx));
        if (!auth.secretMatches(ctx.formParam("password"))) {
            app.audit.record(who, "login.failed", null, null);
            ctx.status(401);
            render(ctx, s.get(), "login", Map.of("error", msg("admin.login.wrong")));
            return;
        }
        auth.end(s.get().id());
        AdminAuth.Session in = auth.newSession(true);
        app.audit.record(who, "login", null, null);
        ctx.header("Set-Cookie", cookie(ctx, in.id(), (int) AdminAuth.SESSION_IDLE.toSeconds()));
        ctx.redirect("/admin");
    }

    // --- dashboard and editions ---

    private void dashboard(Context ctx, AdminAuth.Session s, AuditLog.Actor who) {
        Stats stats = app.adminStore.stats(app.clock.instant().minus(Duration.ofDays(14)), 5);
        List<Map<String, Object>> jobs = app.schedule.jobs().stream().map(j -> Map.<String, Object>of(
                "name", j.name(), "cron", j.cron(),
                "previous", j.previousFire().map(time::format).orElse("–"),
                "next", j.nextFire().map(time::format).orElse(app.schedule.running() ? "–" : msg("admin.jobs.stopped"))))
                .toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("stats", Map.of("total", stats.subscribers(), "byStatus", stats.subscribersByStatus(),
                "byCadence", stats.confirmedByCadence(), "failed", stats.failedDeliveries(),
                "sentPerDay", stats.sentPerDay().entrySet().stream()
                        .map(e -> Map.of("day", e.getKey().toString(), "count", e.getValue())).toList()));
        model.put("jobs", jobs);
        model.put("editions", app.editionDesk.recent(0, 10).stream().map(this::edition).toList());
        model.put("holding", app.editionDesk.holding().stream().map(e -> Map.of("id", e.id(), "cadence", e.cadence().id(),
                "topic", e.topic() == null ? "" : e.topic())).toList());
        model.put("cadences", List.of("immediate", "daily", "weekly"));
        model.put("notice", Optional.ofNullable(ctx.queryParam("notice")).map(k -> msg("admin.notice." + k)).orElse(""));
        render(ctx, s, "dashboard", model);
    }

    private Map<String, Object> edition(EditionDesk.View v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.edition().id());
        m.put("cadence", v.edition().cadence().id());
        m.put("topic", v.edition().topic() == null ? "" : v.edition().topic());
        m.put("status", v.edition().status().id());
        m.put("created", time.format(v.edition().createdAt()));
        m.put("finished", v.edition().finishedAt() == null ? "" : time.format(v.edition().finishedAt()));
        m.put("running", v.running());
        m.put("sent", v.progress().sent());
        m.put("failed", v.progress().failed());
        m.put("total", v.progress().total());
        m.put("percent", v.progress().percent());
        m.put("smtpError", v.smtp().error() == null ? "" : v.smtp().error());
        m.put("smtpErrorAt", v.smtp().at() == null ? "" : time.format(v.smtp().at()));
        m.put("nextRetry", v.smtp().nextRetry() == null ? "" : time.format(v.smtp().nextRetry()));
        return m;
    }

    private void createEdition(Context ctx, AdminAuth.Session s, AuditLog.Actor who) {
        Cadence cadence;
        try {
            cadence = Cadence.parse(String.valueOf(ctx.formParam("cadence")));
        } catch (IllegalArgumentException e) {
            throw new BadInput("cadence", "unknown cadence '" + ctx.formParam("cadence") + "'");
        }
        Optional<EditionDesk.View> created = app.adminActions.createEdition(who, cadence, null);
        if (created.isEmpty()) {
            ctx.redirect("/admin?notice=nothingNew");
            return;
        }
        ctx.redirect("/admin/editions/" + created.get().edition().id());
    }

    private EditionDesk.View view(Context ctx) {
        long id = AdminApi.id(ctx);
        return app.editionDesk.view(id).orElseThrow(() -> new NoSuchElementException("no edition " + id));
    }

    private void edition(Context ctx, AdminAuth.Session s, AuditLog.Actor who) {
        EditionDesk.View v = view(ctx);
        Optional<OutgoingMail> preview = app.editionDesk.preview(v.edition().id());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("e", edition(v));
        model.put("subject", preview.map(OutgoingMail::subject).orElse(""));
        model.put("to", preview.map(p -> p.to().value()).orElse(""));
        model.put("text", preview.map(OutgoingMail::text).orElse(""));
        model.put("sendable", v.edition().status() == org.rundbrief.edition.Edition.Status.PAUSED
                || v.edition().status() == org.rundbrief.edition.Edition.Status.SENDING && !v.running());
        model.put("refresh", v.running());
        render(ctx, s, "edition", model);
    }

    /** The mail's HTML exactly as the first recipient gets it, for the page's sandboxed iframe. */
    private void previewFrame(Context ctx, AdminAuth.Session s, AuditLog.Actor who) {
        EditionDesk.View v = view(ctx);
        OutgoingMail mail = app.editionDesk.preview(v.edition().id())
                .orElseThrow(() -> new IllegalStateException(msg("admin.edition.noPreview")));
        ctx.header("Content-Security-Policy", PREVIEW_CSP).header("X-Content-Type-Options", "nosniff")
                .contentType("text/html; charset=utf-8").result(mail.html());
    }

    private void confirm(Context ctx, AdminAuth.Session s, AuditLog.Actor who) {
        EditionDesk.View v = view(ctx);
        render(ctx, s, "confirm", Map.of("e", edition(v)));
    }

    // --- subscribers and sources ---

    private void subscribers(Context ctx, AdminAuth.Session s, AuditLog.Actor who) {
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("");
        String status = Optional.ofNullable(ctx.queryParam("status")).orElse("");
        Subscriber.Status st = status.isBlank() ? null : Subscriber.Status.parse(status);
        int offset = AdminApi.offset(ctx);
        AdminStore.Page<Long> page = app.adminStore.searchSubscribers(q, st, offset, 50);
        List<Map<String, Object>> rows = page.items().stream().map(app.subscribers::byId).flatMap(Optional::stream)
                .map(sub -> Map.<String, Object>of("id", sub.id(), "email", sub.email().value(),
                        "name", sub.name() == null ? "" : sub.name(), "status", sub.status().id(),
                        "cadence", sub.cadence().id()))
                .toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("q", q);
        model.put("status", status);
        model.put("statuses", List.of("pending", "confirmed", "unsubscribed", "bounced", "complained"));
        model.put("rows", rows);
        model.put("total", page.total());
        model.put("offset", offset);
        model.put("next", offset + 50 < page.total() ? offset + 50 : -1);
        render(ctx, s, "subscribers", model);
    }

    private void subscriber(Context ctx, AdminAuth.Session s, AuditLog.Actor who) {
        long id = AdminApi.id(ctx);
        Subscriber sub = app.subscribers.byId(id).orElseThrow(() -> new NoSuchElementException("no subscriber " + id));
        List<Map<String, Object>> consent = app.subscribers.consentLog(id).stream().map(this::consent).toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("s", Map.of("email", sub.email().value(), "name", sub.name() == null ? "" : sub.name(),
                "status", sub.status().id(), "cadence", sub.cadence().id(), "language", sub.language(),
                "topics", sub.topics().isEmpty() ? "*" : String.join(", ", sub.topics()),
                "created", time.format(sub.createdAt()),
                "confirmed", sub.confirmedAt() == null ? "" : time.format(sub.confirmedAt())));
        model.put("consent", consent);
        render(ctx, s, "subscriber", model);
    }

    private Map<String, Object> consent(SubscriberStore.ConsentRecord c) {
        return Map.of("at", time.format(c.at()), "action", c.action(), "origin", c.origin(),
                "ip", c.ip() == null ? "" : c.ip(), "note", c.note() == null ? "" : c.note());
    }

    private void sources(Context ctx, AdminAuth.Session s, AuditLog.Actor who) {
        List<Map<String, Object>> rows = app.adminStore.sources().stream().map(src -> Map.<String, Object>of(
                "key", src.sourceKey(), "items", src.itemCount(),
                "success", src.lastSuccess() == null ? "–" : time.format(src.lastSuccess()),
                "error", src.lastError() == null ? "" : src.lastError(),
                "errorAt", src.lastErrorAt() == null ? "" : time.format(src.lastErrorAt()),
                "ok", src.lastError() == null || src.lastSuccess() != null && src.lastErrorAt() != null
                        && src.lastSuccess().isAfter(src.lastErrorAt())))
                .toList();
        render(ctx, s, "sources", Map.of("rows", rows, "report", ""));
    }

    private void runJob(Context ctx, AdminAuth.Session s, AuditLog.Actor who) {
        app.adminActions.runJob(who, ctx.pathParam("name"));
        ctx.redirect("/admin?notice=triggered");
    }

    private void collect(Context ctx, AdminAuth.Session s, AuditLog.Actor who) {
        app.adminActions.collect(who);
        ctx.redirect("/admin/sources");
    }
}
