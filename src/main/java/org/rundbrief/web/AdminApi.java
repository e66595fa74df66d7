package org.rundbrief.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UploadedFile;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.rundbrief.app.App;
import org.rundbrief.admin.AdminActions;
import org.rundbrief.admin.AdminStore;
import org.rundbrief.admin.AuditLog;
import org.rundbrief.article.Article;
import org.rundbrief.article.ArticleDraft;
import org.rundbrief.collect.CollectedItem;
import org.rundbrief.config.Config;
import org.rundbrief.collect.Collector;
import org.rundbrief.collect.ContentCleaner;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Consent;
import org.rundbrief.subscriber.InvalidInput;
import org.rundbrief.subscriber.NewSubscriber;
import org.rundbrief.subscriber.Origin;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.subscriber.CsvEncoding;
import org.rundbrief.subscriber.SubscriberExport;
import org.rundbrief.subscriber.SubscriberImport;

/**
 * The admin API under {@code /api} (README, section Admin): JSON, {@code Authorization: Bearer <security.adminToken>}.
 * 401 without or with a wrong token (and always when the token is not configured), 400 naming the
 * field for bad input, 404 for unknown ids, 409 when the state forbids the action. Every change is
 * written to the audit log. Handlers only do request/response work; the services are the App's.
 */
public final class AdminApi implements WebServer.Routes {
    static final int MAX_PAGE = 200;

    private final App app;
    private final ClientAddress clients;
    private final AdminAuth auth;
    private final ContentCleaner cleaner;

    public AdminApi(App app, AdminAuth auth, ClientAddress clients) {
        this.app = app;
        this.clients = clients;
        this.auth = auth;
        this.cleaner = new ContentCleaner(app.config, app.clock);
    }

    @FunctionalInterface
    private interface ApiHandler {
        Object handle(Context ctx, AuditLog.Actor actor) throws Exception;
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/api/articles", api((ctx, who) -> listArticles(ctx)));
        r.post("/api/articles", api(this::createArticle));
        r.put("/api/articles/{id}", api(this::updateArticle));
        r.delete("/api/articles/{id}", api(this::deleteArticle));
        r.get("/api/subscribers", api((ctx, who) -> searchSubscribers(ctx)));
        r.post("/api/subscribers", api(this::addSubscriber));
        r.get("/api/subscribers/export", ctx -> exportSubscribers(ctx));
        r.post("/api/subscribers/import", api(this::importSubscribers));
        r.get("/api/subscribers/{id}", api((ctx, who) -> subscriberDetail(ctx)));
        r.put("/api/subscribers/{id}", api(this::updateSubscriber));
        r.delete("/api/subscribers/{id}", api(this::removeSubscriber));
        r.get("/api/editions", api((ctx, who) -> app.editionDesk.recent(offset(ctx), limit(ctx)).stream()
                .map(AdminJson::edition).toList()));
        r.post("/api/editions", api(this::createEdition));
        r.get("/api/editions/{id}", api((ctx, who) -> AdminJson.edition(app.editionDesk.view(id(ctx))
                .orElseThrow(() -> new NoSuchElementException("no edition " + id(ctx))))));
        r.get("/api/editions/{id}/preview", api((ctx, who) -> preview(ctx)));
        for (AdminActions.EditionAction action : AdminActions.EditionAction.values()) {
            r.post("/api/editions/{id}/" + action.name().toLowerCase(Locale.ROOT), api((ctx, who) -> editionAction(ctx, who, action)));
        }
        r.post("/api/collect", api(this::collect));
        r.get("/api/sources", api((ctx, who) -> sources()));
        r.get("/api/jobs", api((ctx, who) -> jobs()));
        r.post("/api/jobs/{name}/run", api(this::runJob));
        r.get("/api/stats", api((ctx, who) -> app.adminStore.stats(app.clock.instant().minus(Duration.ofDays(30)), 20)));
        r.get("/api/audit", api((ctx, who) -> app.audit.recent(limit(ctx))));
    }

    /** Auth, JSON answer and the error mapping shared by every endpoint. */
    private Handler api(ApiHandler handler) {
        return ctx -> {
            Optional<AuditLog.Actor> actor = authorize(ctx);
            if (actor.isEmpty()) {
                return;
            }
            try {
                Object result = handler.handle(ctx, actor.get());
                if (result != null) {
                    json(ctx, ctx.status().getCode(), result);
                }
            } catch (BadInput e) {
                json(ctx, 400, AdminJson.error(e.getMessage(), e.field()));
            } catch (InvalidInput e) {
                InvalidInput.Problem first = e.problems().get(0);
                json(ctx, 400, AdminJson.error(e.getMessage(), first.field()));
            } catch (NoSuchElementException e) {
                json(ctx, 404, AdminJson.error(e.getMessage(), null));
            } catch (IllegalStateException e) {
                json(ctx, 409, AdminJson.error(e.getMessage(), null));
            } catch (IllegalArgumentException e) {
                json(ctx, 400, AdminJson.error(e.getMessage(), null));
            }
        };
    }

    private Optional<AuditLog.Actor> authorize(Context ctx) {
        if (!auth.enabled()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"rundbrief\"");
            json(ctx, 401, AdminJson.error("the admin API is disabled: set security.adminToken", null));
            return Optional.empty();
        }
        if (!auth.bearerValid(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"rundbrief\"");
            json(ctx, 401, AdminJson.error(ctx.header("Authorization") == null
                    ? "missing Authorization: Bearer <security.adminToken>" : "invalid admin token", null));
            return Optional.empty();
        }
        return Optional.of(new AuditLog.Actor("api-token", "api", clients.of(ctx)));
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(AdminJson.write(body));
    }

    // --- articles ---

    private Object listArticles(Context ctx) {
        Optional<String> topic = Optional.ofNullable(ctx.queryParam("topic")).filter(t -> !t.isBlank());
        return app.articles.recent(limit(ctx), topic).stream().map(AdminJson::article).toList();
    }

    private Object createArticle(Context ctx, AuditLog.Actor who) {
        ObjectNode body = AdminJson.body(ctx.body());
        String guid = "admin-" + UUID.randomUUID();
        storeManual(guid, body);
        Article a = manualArticle(guid);
        app.audit.record(who, "article.create", "article:" + a.id(), a.title());
        ctx.status(201);
        return AdminJson.article(a);
    }

    private Object updateArticle(Context ctx, AuditLog.Actor who) {
        Article existing = app.articles.byId(id(ctx)).orElseThrow(() -> new NoSuchElementException("no article " + id(ctx)));
        if (!Collector.MANUAL.equals(existing.sourceKey())) {
            throw new IllegalStateException("article " + existing.id() + " comes from " + existing.sourceKey()
                    + "; only manual articles can be edited (the next collect would overwrite it)");
        }
        storeManual(existing.guid(), AdminJson.body(ctx.body()));
        app.audit.record(who, "article.update", "article:" + existing.id(), null);
        return AdminJson.article(manualArticle(existing.guid()));
    }

    private Object deleteArticle(Context ctx, AuditLog.Actor who) {
        long id = id(ctx);
        if (!app.adminStore.deleteManualArticle(id, Collector.MANUAL)) {
            throw new NoSuchElementException("no manual article " + id);
        }
        app.audit.record(who, "article.delete", "article:" + id, null);
        ctx.status(204);
        return null;
    }

    private void storeManual(String guid, ObjectNode body) {
        String title = AdminJson.text(body, "title");
        if (title == null || title.isBlank()) {
            throw new BadInput("title", "title is required");
        }
        List<String> topics = AdminJson.texts(body, "topics");
        try {
            topics = app.subscriberChoices.topics(topics);
        } catch (IllegalArgumentException e) {
            throw new BadInput("topics", e.getMessage());
        }
        String link = AdminJson.text(body, "link");
        if (link != null && !link.isBlank() && !link.startsWith("https://") && !link.startsWith("http://")) {
            throw new BadInput("link", "link must be an http(s) URL");
        }
        CollectedItem item = new CollectedItem(guid, link, title, AdminJson.text(body, "author"),
                AdminJson.text(body, "summary"), AdminJson.text(body, "html"), null, AdminJson.text(body, "language"),
                List.of(), AdminJson.instant(body, "publishedAt"), app.config.site().base() + "/");
        ArticleDraft draft = cleaner.clean(item, topics, null);
        app.articles.upsert(Collector.MANUAL, draft);
    }

    private Article manualArticle(String guid) {
        long id = app.adminStore.articleId(Collector.MANUAL, guid).orElseThrow();
        return app.articles.byId(id).orElseThrow();
    }

    // --- subscribers ---

    private Object searchSubscribers(Context ctx) {
        Subscriber.Status status = null;
        String s = ctx.queryParam("status");
        if (s != null && !s.isBlank()) {
            try {
                status = Subscriber.Status.parse(s);
            } catch (IllegalArgumentException e) {
                throw new BadInput("status", "unknown status '" + s + "' (pending, confirmed, unsubscribed, bounced, complained)");
            }
        }
        AdminStore.Page<Long> page = app.adminStore.searchSubscribers(ctx.queryParam("q"), status, offset(ctx), limit(ctx));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", page.total());
        out.put("offset", page.offset());
        out.put("limit", page.limit());
        out.put("items", page.items().stream().map(app.subscribers::byId).flatMap(Optional::stream)
                .map(AdminJson::subscriber).toList());
        return out;
    }

    private Object subscriberDetail(Context ctx) {
        Subscriber s = subscriber(ctx);
        Map<String, Object> out = AdminJson.subscriber(s);
        out.put("consent", app.subscribers.consentLog(s.id()));
        // the delivery reports read back from the bounce mailbox, newest first, each with its raw text (64 KB at most)
        out.put("bounces", app.bounceStore.reports(s.id(), 20));
        return out;
    }

    private Subscriber subscriber(Context ctx) {
        return app.subscribers.byId(id(ctx)).orElseThrow(() -> new NoSuchElementException("no subscriber " + id(ctx)));
    }

    private Object addSubscriber(Context ctx, AuditLog.Actor who) {
        ObjectNode body = AdminJson.body(ctx.body());
        NewSubscriber n = app.subscriberChoices.subscriber(AdminJson.text(body, "email"), AdminJson.text(body, "name"),
                AdminJson.text(body, "language"), AdminJson.texts(body, "topics"), AdminJson.text(body, "cadence"));
        String note = AdminJson.text(body, "note");
        if (note == null || note.isBlank()) {
            throw new BadInput("note", "note is required: say how this person gave consent");
        }
        Subscriber s;
        try {
            s = app.subscriberService.addConfirmed(n, note);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        app.audit.record(who, "subscriber.add", "subscriber:" + s.id(), null);
        ctx.status(201);
        return AdminJson.subscriber(s);
    }

    private Object updateSubscriber(Context ctx, AuditLog.Actor who) {
        Subscriber s = subscriber(ctx);
        ObjectNode body = AdminJson.body(ctx.body());
        String name = body.has("name") ? AdminJson.text(body, "name") : s.name();
        String language = body.has("language") ? AdminJson.text(body, "language") : s.language();
        List<String> topics = body.has("topics") ? AdminJson.texts(body, "topics") : s.topics();
        String cadence = body.has("cadence") ? AdminJson.text(body, "cadence") : s.cadence().id();
        NewSubscriber n = app.subscriberChoices.subscriber(s.email().value(), name, language, topics, cadence);
        app.subscribers.updateProfile(s.id(), n.name(), n.cadence(), n.language(), n.topics(), app.clock.instant(),
                new Consent("preferences_admin", Origin.ADMIN, clients.of(ctx), null, null));
        app.audit.record(who, "subscriber.update", "subscriber:" + s.id(), null);
        return AdminJson.subscriber(app.subscribers.byId(s.id()).orElseThrow());
    }

    /** Unsubscribes (no goodbye mail); {@code ?forget=true} erases the person and suppresses the address. */
    private Object removeSubscriber(Context ctx, AuditLog.Actor who) {
        Subscriber s = subscriber(ctx);
        if ("true".equals(ctx.queryParam("forget"))) {
            app.subscriberService.forget(s.email(), org.rundbrief.subscriber.Actor.ADMIN);
            app.audit.record(who, "subscriber.forget", "subscriber:" + s.id(), null);
            ctx.status(204);
            return null;
        }
        app.subscriberService.remove(s.email());
        app.audit.record(who, "subscriber.remove", "subscriber:" + s.id(), null);
        return AdminJson.subscriber(app.subscribers.byId(s.id()).orElseThrow());
    }

    /** CSV as a multipart upload (field {@code file}) or as the raw body; {@code ?confirmed=true&note=...}. */
    private Object importSubscribers(Context ctx, AuditLog.Actor who) throws Exception {
        boolean confirmed = "true".equals(ctx.queryParam("confirmed"));
        SubscriberImport.Options options;
        try {
            options = new SubscriberImport.Options(confirmed, ctx.queryParam("note"));
        } catch (IllegalArgumentException e) {
            throw new BadInput("note", "confirmed=true needs note=TEXT saying how consent was given");
        }
        List<Map<String, Object>> rejected = new java.util.ArrayList<>();
        SubscriberImport.Result result;
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        Charset charset = ctx.queryParam("encoding") == null ? null : CsvEncoding.parse(ctx.queryParam("encoding"));
        try (Reader csv = CsvEncoding.open(type.startsWith("multipart/") ? upload(ctx) : ctx.bodyInputStream(),
                charset).reader()) {
            result = app.subscriberImport.run(csv, options, new SubscriberImport.Listener() {
                @Override
                public void rejected(long line, String reason) {
                    if (rejected.size() < 1000) {
                        rejected.add(Map.of("line", line, "reason", reason));
                    }
                }

                @Override
                public void progress(long rows) {
                }
            });
        }
        app.audit.record(who, "subscriber.import", null, result.toString());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", result);
        out.put("rejected", rejected);
        return out;
    }

    private static InputStream upload(Context ctx) {
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null) {
            throw new BadInput("file", "upload the CSV as form field 'file'");
        }
        return file.content();
    }

    /** Streams every subscriber as CSV in the import format (plus status and dates), row by row; {@code ?excel=true} for Excel. */
    private void exportSubscribers(Context ctx) throws Exception {
        Optional<AuditLog.Actor> who = authorize(ctx);
        if (who.isEmpty()) {
            return;
        }
        app.audit.record(who.get(), "subscriber.export", null, null);
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"subscribers.csv\"");
        var layout = "true".equals(ctx.queryParam("excel")) ? SubscriberExport.Layout.EXCEL : SubscriberExport.Layout.STANDARD;
        app.subscriberExport.csv(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), layout);
    }

    // --- editions ---

    private Object createEdition(Context ctx, AuditLog.Actor who) {
        ObjectNode body = AdminJson.body(ctx.body());
        String c = AdminJson.text(body, "cadence");
        if (c == null) {
            throw new BadInput("cadence", "cadence is required (immediate, daily or weekly)");
        }
        Cadence cadence;
        try {
            cadence = Cadence.parse(c);
        } catch (IllegalArgumentException e) {
            throw new BadInput("cadence", "unknown cadence '" + c + "' (immediate, daily or weekly)");
        }
        String topic = AdminJson.text(body, "topic");
        if (topic != null && !app.config.hasTopic(topic)) {
            throw new BadInput("topic", "unknown topic '" + topic + "'");
        }
        Duration includeRecent = null;
        if (body.hasNonNull("includeRecentDays")) {
            if (!body.get("includeRecentDays").canConvertToInt() || body.get("includeRecentDays").asInt() < 1) {
                throw new BadInput("includeRecentDays", "includeRecentDays must be a whole number of days, at least 1");
            }
            includeRecent = Duration.ofDays(body.get("includeRecentDays").asInt());
        }
        var view = app.adminActions.createEdition(who, cadence, topic, includeRecent)
                .orElseThrow(() -> new IllegalStateException(app.adminActions.whyNothingNew(cadence, topic)));
        ctx.status(201);
        return AdminJson.edition(view);
    }

    private Object preview(Context ctx) {
        long id = id(ctx);
        app.editionDesk.view(id).orElseThrow(() -> new NoSuchElementException("no edition " + id));
        OutgoingMail mail = app.editionDesk.preview(id)
                .orElseThrow(() -> new IllegalStateException("edition " + id + " has no recipient left to preview"));
        if ("html".equals(ctx.queryParam("format"))) {
            ctx.contentType("text/html; charset=utf-8").result(mail.html());
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("to", mail.to().value());
        out.put("subject", mail.subject());
        out.put("html", mail.html());
        out.put("text", mail.text());
        return out;
    }

    private Object editionAction(Context ctx, AuditLog.Actor who, AdminActions.EditionAction action) {
        var view = app.adminActions.edition(who, id(ctx), action);
        boolean background = action == AdminActions.EditionAction.SEND || action == AdminActions.EditionAction.RESUME;
        ctx.status(background ? 202 : 200);
        return AdminJson.edition(view);
    }

    // --- collect and jobs ---

    private Object collect(Context ctx, AuditLog.Actor who) {
        return app.adminActions.collect(who);
    }

    /** Every source seen, with its last success, error and warnings; {@code configured} false once removed from the config. */
    private Object sources() {
        var configured = app.config.sources().stream().map(Config.SourceConfig::key).toList();
        return app.adminStore.sources().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", s.sourceKey());
            m.put("configured", configured.contains(s.sourceKey()));
            m.put("items", s.itemCount());
            m.put("lastSuccess", s.lastSuccess());
            m.put("lastError", s.lastError());
            m.put("lastErrorAt", s.lastErrorAt());
            m.put("warning", s.lastWarning());
            return m;
        }).toList();
    }

    private Object jobs() {
        return app.schedule.jobs().stream().map(j -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", j.name());
            m.put("cron", j.cron());
            m.put("previousFire", j.previousFire().orElse(null));
            m.put("nextFire", j.nextFire().orElse(null));
            return m;
        }).toList();
    }

    private Object runJob(Context ctx, AuditLog.Actor who) {
        String name = ctx.pathParam("name");
        app.adminActions.runJob(who, name);
        ctx.status(202);
        return Map.of("triggered", name, "at", Instant.now(app.clock));
    }

    // --- parameters ---

    static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new BadInput("id", "id must be a number");
        }
    }

    static int limit(Context ctx) {
        int limit = intParam(ctx, "limit", 50);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new BadInput("limit", "limit must be between 1 and " + MAX_PAGE);
        }
        return limit;
    }

    static int offset(Context ctx) {
        int offset = intParam(ctx, "offset", 0);
        if (offset < 0) {
            throw new BadInput("offset", "offset must not be negative");
        }
        return offset;
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new BadInput(name, name + " must be a whole number");
        }
    }
}
