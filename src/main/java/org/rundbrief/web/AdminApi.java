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
import java.net.URLEncoder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.rundbrief.admin.Accounts;
import org.rundbrief.admin.AdminActions;
import org.rundbrief.admin.AdminStore;
import org.rundbrief.admin.ArticleActions;
import org.rundbrief.admin.AuditLog;
import org.rundbrief.admin.EditionDesk;
import org.rundbrief.admin.Forbidden;
import org.rundbrief.admin.ManualPost;
import org.rundbrief.admin.MemberActions;
import org.rundbrief.admin.OutboxDesk;
import org.rundbrief.admin.Role;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.bounce.BounceStore;
import org.rundbrief.config.Config;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Choices;
import org.rundbrief.subscriber.CsvEncoding;
import org.rundbrief.subscriber.InvalidInput;
import org.rundbrief.subscriber.NewSubscriber;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.subscriber.SubscriberExport;
import org.rundbrief.subscriber.SubscriberImport;

/**
 * The admin API under {@code /api}: JSON, {@code Authorization: Bearer <token>} (a personal API
 * token with its user's role, or {@code security.adminToken} with the admin role), checked by the
 * {@link AdminGate}. 401 without or with a wrong token, 403 when the role does not allow the
 * route, 400 naming the field for bad input, 404 for unknown ids, 409 when the state forbids the
 * action. Handlers only do request/response work; the actions audit themselves.
 */
public final class AdminApi implements WebServer.Routes {
    static final int MAX_PAGE = 200;

    private final AdminGate gate;
    private final BounceStore bounces;
    private final OutboxDesk outbox;
    /** The keys of the sources in the config: a source seen before but not among them was removed. */
    private final Set<String> configuredSources;
    private final AdminActions actions;
    private final ArticleActions posts;
    private final MemberActions members;
    private final EditionDesk desk;
    private final AdminStore store;
    private final ArticleStore articles;
    private final Choices choices;
    private final AuditLog audit;
    private final Clock clock;

    public AdminApi(AdminGate gate, AdminActions actions, ArticleActions posts, MemberActions members, EditionDesk desk,
             AdminStore store, ArticleStore articles, Choices choices, AuditLog audit, BounceStore bounces,
             OutboxDesk outbox, Set<String> configuredSources, Clock clock) {
        this.gate = gate;
        this.outbox = outbox;
        this.bounces = bounces;
        this.configuredSources = configuredSources;
        this.actions = actions;
        this.posts = posts;
        this.members = members;
        this.desk = desk;
        this.store = store;
        this.articles = articles;
        this.choices = choices;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The transactional mail outbox: how many wait, the latest error, and the mails not sent, newest
     * first ({@code ?before=ID} for the next page).
     */
    private Object outbox(Context ctx) {
        Map<String, Object> m = outbox.state().fields();
        m.put("unsent", outbox.unsent(before(ctx), limit(ctx)));
        return m;
    }

    @FunctionalInterface
    private interface ApiHandler {
        Object handle(Context ctx, AuditLog.Actor actor) throws Exception;
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/api/articles", api(Role.EDITOR, (ctx, who) -> listArticles(ctx)));
        r.post("/api/articles", api(Role.EDITOR, this::createArticle));
        r.get("/api/articles/{id}", api(Role.EDITOR, (ctx, who) -> AdminJson.article(articles.byId(id(ctx))
                .orElseThrow(() -> new NoSuchElementException("no article " + id(ctx))))));
        r.put("/api/articles/{id}", api(Role.EDITOR, (ctx, who) -> AdminJson.article(posts.update(who, id(ctx), post(ctx),
                AdminJson.text(AdminJson.body(ctx.body()), "revision")))));
        r.delete("/api/articles/{id}", api(Role.EDITOR, (ctx, who) -> {
            posts.delete(who, id(ctx));
            ctx.status(204);
            return null;
        }));
        r.get("/api/subscribers", api(Role.PUBLISHER, (ctx, who) -> searchSubscribers(ctx)));
        r.post("/api/subscribers", api(Role.PUBLISHER, this::addSubscriber));
        r.get("/api/subscribers/export", api(Role.PUBLISHER, this::exportSubscribers));
        r.post("/api/subscribers/import", api(Role.PUBLISHER, this::importSubscribers));
        r.get("/api/subscribers/{id}", api(Role.PUBLISHER, (ctx, who) -> subscriberDetail(ctx)));
        r.put("/api/subscribers/{id}", api(Role.PUBLISHER, this::updateSubscriber));
        r.delete("/api/subscribers/{id}", api(Role.PUBLISHER, this::removeSubscriber));
        r.get("/api/editions", api(Role.EDITOR, (ctx, who) -> desk.recent(offset(ctx), limit(ctx)).stream()
                .map(this::edition).toList()));
        r.post("/api/editions", api(Role.EDITOR, this::createEdition));
        r.get("/api/editions/{id}", api(Role.EDITOR, (ctx, who) -> edition(desk.view(id(ctx))
                .orElseThrow(() -> new NoSuchElementException("no edition " + id(ctx))))));
        r.put("/api/editions/{id}", api(Role.EDITOR, (ctx, who) -> {
            ObjectNode body = AdminJson.body(ctx.body());
            return edition(actions.editTexts(who, id(ctx), AdminJson.text(body, "subject"), AdminJson.text(body, "intro"),
                    AdminJson.text(body, "revision")));
        }));
        r.get("/api/editions/{id}/preview", api(Role.EDITOR, (ctx, who) -> preview(ctx)));
        r.post("/api/editions/{id}/test", api(Role.EDITOR, (ctx, who) -> Map.of("sentTo", actions.testSend(who, id(ctx)))));
        for (AdminActions.EditionAction action : AdminActions.EditionAction.values()) {
            r.post("/api/editions/{id}/" + action.name().toLowerCase(Locale.ROOT),
                    api(Role.PUBLISHER, (ctx, who) -> editionAction(ctx, who, action)));
        }
        r.post("/api/collect", api(Role.EDITOR, (ctx, who) -> actions.collect(who)));
        r.get("/api/sources", api(Role.EDITOR, (ctx, who) -> sources()));
        r.get("/api/jobs", api(Role.EDITOR, (ctx, who) -> jobs()));
        r.post("/api/jobs/{name}/run", api(Role.PUBLISHER, this::runJob));
        r.get("/api/outbox", api(Role.PUBLISHER, (ctx, who) -> outbox(ctx)));
        r.post("/api/outbox/retry", api(Role.PUBLISHER, (ctx, who) -> Map.of("dueNow", outbox.retryNow(who))));
        r.get("/api/stats", api(Role.EDITOR, (ctx, who) -> store.stats(AdminStore.StatsView.API)));
        r.get("/api/audit", api(Role.ADMIN, (ctx, who) -> audit.recent(limit(ctx))));
        r.get("/api/users", api(Role.ADMIN, (ctx, who) -> gate.accounts().list().stream().map(AdminJson::user).toList()));
        r.post("/api/users", api(Role.ADMIN, this::inviteUser));
        r.delete("/api/users/{id}", api(Role.ADMIN, (ctx, who) -> {
            gate.accounts().remove(who, id(ctx));
            ctx.status(204);
            return null;
        }));
    }

    /** The gate, the JSON answer and the error mapping shared by every endpoint. */
    private Handler api(Role needed, ApiHandler handler) {
        return ctx -> {
            AdminGate.Access access = gate.api(ctx, needed);
            if (!access.allowed()) {
                if (access.status() == 401) {
                    ctx.header("WWW-Authenticate", "Bearer realm=\"rundbrief\"");
                } else if (access.status() == 429) {
                    ctx.header("Retry-After", "60");
                }
                json(ctx, access.status(), AdminJson.error(access.message(), null));
                return;
            }
            try {
                Object result = handler.handle(ctx, access.actor());
                if (result != null) {
                    json(ctx, ctx.status().getCode(), result);
                }
            } catch (BadInput e) {
                json(ctx, 400, AdminJson.error(e.getMessage(), e.field()));
            } catch (InvalidInput e) {
                InvalidInput.Problem first = e.problems().get(0);
                json(ctx, 400, AdminJson.error(e.getMessage(), first.field()));
            } catch (Forbidden e) {
                json(ctx, 403, AdminJson.error(e.getMessage(), null));
            } catch (NoSuchElementException e) {
                json(ctx, 404, AdminJson.error(e.getMessage(), null));
            } catch (IllegalStateException e) {
                json(ctx, 409, AdminJson.error(e.getMessage(), null));
            } catch (IllegalArgumentException e) {
                json(ctx, 400, AdminJson.error(e.getMessage(), null));
            }
        };
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(AdminJson.write(body));
    }

    // --- articles ---

    private Object listArticles(Context ctx) {
        Optional<String> topic = Optional.ofNullable(ctx.queryParam("topic")).filter(t -> !t.isBlank());
        return articles.recent(limit(ctx), topic).stream().map(AdminJson::article).toList();
    }

    private Object createArticle(Context ctx, AuditLog.Actor who) {
        var a = posts.create(who, post(ctx));
        ctx.status(201);
        return AdminJson.article(a);
    }

    /** The request body as a post: title required, topics known, link http(s). */
    private ManualPost post(Context ctx) {
        ObjectNode body = AdminJson.body(ctx.body());
        String title = AdminJson.text(body, "title");
        if (title == null || title.isBlank()) {
            throw new BadInput("title", "title is required");
        }
        List<String> topics;
        try {
            topics = choices.topics(AdminJson.texts(body, "topics"));
        } catch (IllegalArgumentException e) {
            throw new BadInput("topics", e.getMessage());
        }
        String link = AdminJson.text(body, "link");
        if (link != null && !link.isBlank() && !link.startsWith("https://") && !link.startsWith("http://")) {
            throw new BadInput("link", "link must be an http(s) URL");
        }
        return new ManualPost(title, link, AdminJson.text(body, "author"), AdminJson.text(body, "summary"), null,
                AdminJson.text(body, "html"), AdminJson.text(body, "language"), topics, AdminJson.instant(body, "publishedAt"),
                body.path("draft").asBoolean(false));
    }

    // --- subscribers ---

    private Object searchSubscribers(Context ctx) {
        Subscriber.Status status = null;
        String s = ctx.queryParam("status");
        if (s != null && !s.isBlank()) {
            try {
                status = Subscriber.Status.parse(s);
            } catch (IllegalArgumentException e) {
                throw new BadInput("status", "unknown status '" + s + "' (" + Arrays.stream(Subscriber.Status.values())
                        .map(Subscriber.Status::id).collect(Collectors.joining(", ")) + ")");
            }
        }
        if (ctx.queryParam("offset") != null) {
            throw new BadInput("offset", "offset paging was replaced by keyset paging: ask for the next page with "
                    + "after=<the 'next' value of the previous answer>");
        }
        String q = ctx.queryParam("q");
        int limit = limit(ctx);
        long after = after(ctx);
        List<AdminStore.MemberRow> found = store.membersAfter(q, status, after, limit + 1);
        List<AdminStore.MemberRow> rows = found.subList(0, Math.min(limit, found.size()));
        Long next = found.size() > limit ? rows.get(rows.size() - 1).id() : null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("limit", limit);
        out.put("after", after);
        if ("true".equals(ctx.queryParam("total"))) {
            out.put("total", store.countMembers(q, status));
        }
        out.put("next", next);
        out.put("nextLink", next == null ? null : nextLink(ctx, next));
        out.put("items", rows.stream().map(row -> members.find(row.id())).flatMap(Optional::stream)
                .map(AdminJson::subscriber).toList());
        return out;
    }

    /** The cursor of {@code GET /api/subscribers}: the id of the last member of the previous page (0: from the start). */
    private static long after(Context ctx) {
        String v = ctx.queryParam("after");
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            long after = Long.parseLong(v.trim());
            if (after >= 0) {
                return after;
            }
        } catch (NumberFormatException e) {
            // refused below, with the same words
        }
        throw new BadInput("after", "after must be the 'next' value of the previous page (a whole number, 0 or more), not '"
                + v + "'");
    }

    /** The same search with {@code after} set to the cursor of the next page. */
    private static String nextLink(Context ctx, long next) {
        StringBuilder link = new StringBuilder("/api/subscribers?after=").append(next);
        for (String name : List.of("q", "status", "limit", "total")) {
            String v = ctx.queryParam(name);
            if (v != null) {
                link.append('&').append(name).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        return link.toString();
    }

    private Object subscriberDetail(Context ctx) {
        Subscriber s = members.byId(id(ctx));
        Map<String, Object> out = AdminJson.subscriber(s);
        out.put("consent", members.consentLog(s.id()));
        // the delivery reports read back from the bounce mailbox, newest first, each with its raw text (64 KB at most)
        out.put("bounces", bounces.reports(s.id(), 20));
        return out;
    }

    private Object addSubscriber(Context ctx, AuditLog.Actor who) {
        ObjectNode body = AdminJson.body(ctx.body());
        NewSubscriber n = choices.subscriber(AdminJson.text(body, "email"), AdminJson.text(body, "name"),
                AdminJson.text(body, "language"), AdminJson.texts(body, "topics"), AdminJson.text(body, "cadence"));
        String note = AdminJson.text(body, "note");
        if (note == null || note.isBlank()) {
            throw new BadInput("note", "note is required: say how this person gave consent");
        }
        Subscriber s = members.add(who, n, note);
        ctx.status(201);
        return AdminJson.subscriber(s);
    }

    private Object updateSubscriber(Context ctx, AuditLog.Actor who) {
        Subscriber s = members.byId(id(ctx));
        ObjectNode body = AdminJson.body(ctx.body());
        String name = body.has("name") ? AdminJson.text(body, "name") : s.name();
        String language = body.has("language") ? AdminJson.text(body, "language") : s.language();
        List<String> topics = body.has("topics") ? AdminJson.texts(body, "topics") : s.topics();
        String cadence = body.has("cadence") ? AdminJson.text(body, "cadence") : s.cadence().id();
        NewSubscriber n = choices.subscriber(s.email().value(), name, language, topics, cadence);
        return AdminJson.subscriber(members.update(who, s.id(), n, AdminJson.text(body, "revision")));
    }

    /** Unsubscribes (no goodbye mail); {@code ?forget=true} erases the person and suppresses the address. */
    private Object removeSubscriber(Context ctx, AuditLog.Actor who) {
        long id = id(ctx);
        if ("true".equals(ctx.queryParam("forget"))) {
            members.forget(who, id);
            ctx.status(204);
            return null;
        }
        return AdminJson.subscriber(members.unsubscribe(who, id));
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
        List<Map<String, Object>> rejected = new ArrayList<>();
        SubscriberImport.Result result;
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        Charset charset = ctx.queryParam("encoding") == null ? null : CsvEncoding.parse(ctx.queryParam("encoding"));
        try (Reader csv = CsvEncoding.open(type.startsWith("multipart/") ? upload(ctx) : ctx.bodyInputStream(),
                charset).reader()) {
            result = members.importCsv(who, csv, options, new SubscriberImport.Listener() {
                @Override
                public void rejected(long line, InvalidInput why) {
                    if (rejected.size() < 1000) {
                        rejected.add(Map.of("line", line, "reason", why.getMessage()));
                    }
                }

                @Override
                public void progress(long rows) {
                }
            });
        }
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
    private Object exportSubscribers(Context ctx, AuditLog.Actor who) throws Exception {
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"subscribers.csv\"");
        var layout = "true".equals(ctx.queryParam("excel")) ? SubscriberExport.Layout.EXCEL : SubscriberExport.Layout.STANDARD;
        members.export(who, new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), layout);
        return null;
    }

    // --- editions ---

    private Object createEdition(Context ctx, AuditLog.Actor who) {
        ObjectNode body = AdminJson.body(ctx.body());
        String c = AdminJson.text(body, "cadence");
        if (c == null) {
            throw new BadInput("cadence", "cadence is required (" + cadences() + ")");
        }
        Cadence cadence;
        try {
            cadence = Cadence.parse(c);
        } catch (IllegalArgumentException e) {
            throw new BadInput("cadence", e.getMessage());
        }
        String topic = AdminJson.text(body, "topic");
        if (topic != null) {
            try {
                choices.topics(List.of(topic));
            } catch (IllegalArgumentException e) {
                throw new BadInput("topic", "unknown topic '" + topic + "'");
            }
        }
        Duration includeRecent = null;
        if (body.hasNonNull("includeRecentDays")) {
            if (!body.get("includeRecentDays").canConvertToInt() || body.get("includeRecentDays").asInt() < 1) {
                throw new BadInput("includeRecentDays", "includeRecentDays must be a whole number of days, at least 1");
            }
            includeRecent = Duration.ofDays(body.get("includeRecentDays").asInt());
        }
        var view = actions.createEdition(who, cadence, topic, includeRecent)
                .orElseThrow(() -> new IllegalStateException(actions.whyNothingNew(cadence, topic)));
        ctx.status(201);
        return edition(view);
    }

    /** An edition with its progress and, for editions drafted on the admin side, who drafted and approved it. */
    private Map<String, Object> edition(EditionDesk.View view) {
        Map<String, Object> m = AdminJson.edition(view);
        actions.approval(view.edition().id()).ifPresent(a -> {
            m.put("draftedBy", a.draftedBy());
            m.put("waitsForApproval", a.waiting());
            m.put("approvedBy", a.approvedBy());
        });
        return m;
    }

    private static String cadences() {
        return Arrays.stream(Cadence.values()).map(Cadence::id).collect(Collectors.joining(", "));
    }

    private Object preview(Context ctx) {
        long id = id(ctx);
        desk.view(id).orElseThrow(() -> new NoSuchElementException("no edition " + id));
        String as = ctx.queryParam("as");
        OutgoingMail mail = as == null || as.isBlank()
                ? desk.preview(id).orElseThrow(() -> new IllegalStateException("edition " + id + " has no recipient left to preview"))
                : desk.preview(id, member(as)).orElseThrow(() -> new NoSuchElementException(
                        "edition " + id + " has no message for " + as.strip() + " (not a recipient, or no longer subscribed)"));
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
        // an approval or a send may name the texts' revision the publisher read ("textsRevision" of GET /api/editions/{id})
        String revision = action == AdminActions.EditionAction.PAUSE || action == AdminActions.EditionAction.CANCEL ? null
                : AdminJson.text(AdminJson.body(ctx.body()), "revision");
        var view = actions.edition(who, id(ctx), action, revision);
        boolean background = action == AdminActions.EditionAction.SEND || action == AdminActions.EditionAction.RESUME;
        ctx.status(background ? 202 : 200);
        return edition(view);
    }

    private static org.rundbrief.mail.EmailAddress member(String email) {
        try {
            return org.rundbrief.mail.EmailAddress.parse(email);
        } catch (IllegalArgumentException e) {
            throw new BadInput("as", e.getMessage());
        }
    }

    /** Every source seen, with its last success, error and warnings; {@code configured} false once removed from the config. */
    private Object sources() {
        Set<String> configured = configuredSources;
        return store.sources().stream().map(s -> {
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

    // --- jobs and users ---

    private Object jobs() {
        return actions.jobs().stream().map(j -> {
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
        actions.runJob(who, name);
        ctx.status(202);
        return Map.of("triggered", name, "at", Instant.now(clock));
    }

    /** {@code {"email", "name", "role"}}: the answer carries the invitation link, shown only here. */
    private Object inviteUser(Context ctx, AuditLog.Actor who) {
        ObjectNode body = AdminJson.body(ctx.body());
        Role role;
        try {
            role = Role.parse(AdminJson.text(body, "role"));
        } catch (IllegalArgumentException e) {
            throw new BadInput("role", e.getMessage());
        }
        Accounts.Invitation invitation;
        try {
            invitation = gate.accounts().invite(who, AdminJson.text(body, "email"), AdminJson.text(body, "name"), role);
        } catch (IllegalArgumentException e) {
            throw new BadInput("email", e.getMessage());
        }
        Map<String, Object> out = AdminJson.user(invitation.user());
        out.put("invitation", invitation.link());
        out.put("expiresAt", invitation.expires());
        ctx.status(201);
        return out;
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

    /** The keyset cursor {@code ?before=ID} of a list that goes newest first: only rows below that id (none: from the top). */
    static long before(Context ctx) {
        String v = ctx.queryParam("before");
        if (v == null || v.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            long before = Long.parseLong(v.trim());
            if (before > 0) {
                return before;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadInput("before", "before must be a positive whole number (an id)");
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
