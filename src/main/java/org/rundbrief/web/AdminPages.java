package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
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
import org.rundbrief.admin.AdminUser;
import org.rundbrief.admin.Approval;
import org.rundbrief.admin.ArticleActions;
import org.rundbrief.admin.AuditLog;
import org.rundbrief.admin.ChangedMeanwhile;
import org.rundbrief.admin.EditionDesk;
import org.rundbrief.admin.Forbidden;
import org.rundbrief.admin.Identity;
import org.rundbrief.admin.MemberActions;
import org.rundbrief.admin.OutboxDesk;
import org.rundbrief.admin.Role;
import org.rundbrief.admin.Sessions;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.article.SourceNote;
import org.rundbrief.collect.Collector;
import org.rundbrief.delivery.ServerWatch;
import org.rundbrief.edition.Edition;
import org.rundbrief.edition.NothingNew;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Choices;
import org.rundbrief.template.Templates;

/**
 * The admin pages under {@code /admin}: server-rendered (templates/web/admin/), readable on a
 * phone, no JavaScript (a running send's page refreshes itself with a meta tag). People log in
 * with email and password (or with {@code security.adminToken} and no email); the session lives
 * in the database behind an HttpOnly, SameSite=Strict cookie, and every form carries the
 * session's CSRF token. The {@link AdminGate} decides who may see or post what; a POST it refuses
 * changes nothing.
 */
public final class AdminPages implements WebServer.Routes {
    private static final String PAGE_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "frame-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    // The preview is the mail's own HTML: shown sandboxed (no scripts, no forms), only inside our pages.
    private static final String PREVIEW_CSP = "sandbox; default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; "
            + "frame-ancestors 'self'";

    private final AdminGate gate;
    /** The keys of the sources in the config: a source seen before but not among them was removed. */
    private final Set<String> configuredSources;
    private final AdminActions actions;
    private final MemberActions members;
    private final EditionDesk desk;
    private final OutboxDesk outbox;
    private final AdminStore store;
    private final Templates templates;
    private final String site;
    private final String language;
    private final Clock clock;
    private final DateTimeFormatter time;
    private final DateTimeFormatter clockTime;
    private final ZoneId zone;
    private final ArticlePages articlePages;
    private final MemberPages memberPages;

    public AdminPages(AdminGate gate, AdminActions actions, MemberActions members, ArticleActions posts,
                      ArticleStore articles, Choices choices, EditionDesk desk, OutboxDesk outbox, AdminStore store,
                      Templates templates, Set<String> configuredSources, String site, String language, ZoneId zone,
                      Clock clock) {
        this.gate = gate;
        this.configuredSources = configuredSources;
        this.actions = actions;
        this.members = members;
        this.desk = desk;
        this.outbox = outbox;
        this.store = store;
        this.templates = templates;
        this.site = site;
        this.language = language;
        this.clock = clock;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        this.clockTime = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        this.zone = zone;
        this.articlePages = new ArticlePages(this, posts, articles, choices, zone, language);
        this.memberPages = new MemberPages(this, members, store, choices);
    }

    @FunctionalInterface
    interface PageHandler {
        void handle(Context ctx, AdminGate.Access access) throws Exception;
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/admin/login", this::loginForm);
        r.post("/admin/login", this::login);
        r.get("/admin/invite/{token}", this::inviteForm);
        r.post("/admin/invite/{token}", this::acceptInvite);
        r.post("/admin/logout", form(Role.EDITOR, (ctx, a) -> {
            gate.sessions().end(a.actor(), ctx.cookie(AdminGate.SESSION_COOKIE));
            ctx.res().addHeader("Set-Cookie", AdminGate.sessionCookie(ctx, "", 0));
            ctx.redirect("/admin/login");
        }));
        r.get("/admin", page(Role.EDITOR, this::dashboard));
        r.post("/admin/editions", form(Role.EDITOR, this::createEdition));
        r.get("/admin/editions/{id}", page(Role.EDITOR, this::edition));
        r.get("/admin/editions/{id}/preview", page(Role.EDITOR, this::previewFrame));
        r.get("/admin/editions/{id}/confirm", page(Role.PUBLISHER, this::confirm));
        for (AdminActions.EditionAction action : AdminActions.EditionAction.values()) {
            r.post("/admin/editions/{id}/" + action.name().toLowerCase(Locale.ROOT), form(Role.PUBLISHER, (ctx, a) -> {
                long id = AdminApi.id(ctx);
                try {
                    actions.edition(a.actor(), id, action, ctx.formParam("revision"));
                } catch (ChangedMeanwhile e) {
                    // an approval or a send of texts changed since the page was opened: the page again, with the texts as they are now
                    ctx.status(409);
                    edition(ctx, a, Map.of("error", msg(action == AdminActions.EditionAction.APPROVE
                            ? "admin.edition.changedBeforeApproval" : "admin.edition.changedBeforeSend")));
                    return;
                }
                ctx.redirect("/admin/editions/" + id);
            }));
        }
        r.post("/admin/editions/{id}/texts", form(Role.EDITOR, (ctx, a) -> {
            long id = AdminApi.id(ctx);
            try {
                actions.editTexts(a.actor(), id, ctx.formParam("subject"), ctx.formParam("intro"), ctx.formParam("revision"));
            } catch (ChangedMeanwhile e) {
                ctx.status(409);
                edition(ctx, a, Map.of("notSaved", textsNotSaved(ctx, e)));
                return;
            }
            ctx.redirect("/admin/editions/" + id + "?notice=textsSaved");
        }));
        r.post("/admin/editions/{id}/test", form(Role.EDITOR, (ctx, a) -> {
            long id = AdminApi.id(ctx);
            actions.testSend(a.actor(), id);
            ctx.redirect("/admin/editions/" + id + "?notice=testSent");
        }));
        memberPages.register(r);
        new SuppressionPages(this, members, store).register(r);
        new OutboxPages(this, outbox).register(r);
        r.get("/admin/sources", page(Role.EDITOR, this::sources));
        r.post("/admin/collect", form(Role.EDITOR, (ctx, a) -> {
            actions.collect(a.actor());
            ctx.redirect("/admin/sources");
        }));
        r.post("/admin/jobs/{name}/run", form(Role.PUBLISHER, (ctx, a) -> {
            if (actions.jobs().stream().noneMatch(j -> j.name().equals(ctx.pathParam("name")))) {
                throw new NoSuchElementException(msg("admin.jobs.unknown"));
            }
            actions.runJob(a.actor(), ctx.pathParam("name"));
            ctx.redirect("/admin?notice=triggered");
        }));
        new AccountPages(this).register(r);
        articlePages.register(r);
    }

    // --- the gate's answers, errors, rendering ---

    Handler page(Role needed, PageHandler handler) {
        return ctx -> guarded(ctx, gate.page(ctx, needed, false), handler);
    }

    /** POST: the CSRF token must match the session's, or nothing happens (403). */
    Handler form(Role needed, PageHandler handler) {
        return ctx -> guarded(ctx, gate.page(ctx, needed, true), handler);
    }

    private void guarded(Context ctx, AdminGate.Access access, PageHandler handler) throws Exception {
        ctx.header("Cache-Control", "no-store");
        if (access.status() == 302) {
            ctx.redirect("/admin/login");
            return;
        }
        if (!access.allowed()) {
            error(ctx, access.status(), msg(access.key()));
            return;
        }
        try {
            handler.handle(ctx, access);
        } catch (Forbidden e) {
            error(ctx, 403, e.getMessage());
        } catch (BadInput | IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
        } catch (NoSuchElementException e) {
            error(ctx, 404, e.getMessage());
        } catch (IllegalStateException e) {
            error(ctx, 409, e.getMessage());
        }
    }

    /** Renders a page; {@code access} null for the pages before login (no menu, the form token instead). */
    void render(Context ctx, AdminGate.Access access, String template, Map<String, Object> model) {
        Map<String, Object> m = new HashMap<>(model);
        m.putIfAbsent("csrf", access == null ? "" : access.session().csrf());
        m.put("site", site);
        m.put("me", access == null ? "" : access.actor().name());
        m.put("role", access == null ? "" : access.actor().identity().role().id());
        ctx.header("Content-Security-Policy", PAGE_CSP).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .contentType("text/html; charset=utf-8")
                .result(templates.render("web/admin/" + template + ".html.ftl", m, language));
    }

    void error(Context ctx, int status, String message) {
        ctx.status(status);
        render(ctx, null, "error", Map.of("status", status, "message", message));
    }

    String msg(String key) {
        return templates.messages(language).getOrDefault(key, key);
    }

    /** The message {@code key} with each {@code {name}} replaced by its value. */
    String msg(String key, Map<String, String> values) {
        return Templates.fill(msg(key), values);
    }

    /** What collecting said about a source, in the page's language (a text stored without a kind as it is). */
    private String notes(List<SourceNote> notes) {
        return notes.stream().map(n -> n.kind() == null ? n.text() : msg(n.messageKey(), n.values()))
                .collect(Collectors.joining("; "));
    }

    String time(java.time.Instant at) {
        return at == null ? "" : time.format(at);
    }

    /** The time of day ("14:05") when {@code at} is today in the site's zone, else date and time. */
    String timeOfDay(java.time.Instant at) {
        return at.atZone(zone).toLocalDate().equals(clock.instant().atZone(zone).toLocalDate()) ? clockTime.format(at) : time(at);
    }

    /**
     * The red bar of an SMTP outage this node waits out (layout.html.ftl's smtpOutage): since when,
     * the error, the next try and how many transactional mails wait; empty when there is none.
     */
    Map<String, Object> outageBar(Optional<ServerWatch.Outage> outage) {
        return outage.<Map<String, Object>>map(o -> Map.of("since", timeOfDay(o.since()), "error", o.error(),
                "next", timeOfDay(o.nextProbe()), "waiting", outbox.state().waiting())).orElse(Map.of());
    }

    /**
     * The dashboard's warning that this machine's clock is {@code offset} off the database's
     * ({@link AdminActions#clockOffset}): "geht 3 Minuten vor", in seconds up to two minutes, then
     * in minutes, hours and days.
     */
    private String clockNote(Duration offset) {
        long seconds = Math.round(offset.abs().toMillis() / 1000.0);
        String amount = seconds == 1 ? msg("admin.clock.second")
                : seconds < 120 ? msg("admin.clock.seconds", Map.of("n", Long.toString(seconds)))
                : seconds < 120 * 60 ? msg("admin.clock.minutes", Map.of("n", Long.toString(seconds / 60)))
                : seconds < 48 * 3600 ? msg("admin.clock.hours", Map.of("n", Long.toString(seconds / 3600)))
                : msg("admin.clock.days", Map.of("n", Long.toString(seconds / 86400)));
        // the offset is the database's time minus this machine's: negative when this clock is ahead
        return msg(offset.isNegative() ? "admin.clock.ahead" : "admin.clock.behind", Map.of("offset", amount));
    }

    /** The admin pages' language (site.language). */
    String language() {
        return language;
    }

    AdminGate gate() {
        return gate;
    }

    // --- login and invitations ---

    private void loginForm(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (gate.sessions().find(ctx.cookie(AdminGate.SESSION_COOKIE)).isPresent()) {
            ctx.redirect("/admin");
            return;
        }
        loginPage(ctx, Optional.ofNullable(ctx.queryParam("notice")).map(k -> msg("admin.notice." + k)).orElse(""), "", "");
    }

    private void loginPage(Context ctx, String notice, String error, String email) {
        Accounts accounts = gate.accounts();
        render(ctx, null, "login", Map.of("csrf", gate.formToken(ctx), "notice", notice, "error", error,
                "email", email, "nobody", accounts.nobody(), "bootstrap", accounts.bootstrapEnabled()));
    }

    private void login(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (!gate.formTokenValid(ctx)) {
            error(ctx, 403, msg("admin.csrf"));
            return;
        }
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("");
        if (gate.blocked(gate.client(ctx))) {
            ctx.status(429).header("Retry-After", "60");
            loginPage(ctx, "", msg("admin.login.tooMany"), email);
            return;
        }
        Optional<Identity> who = gate.accounts().login(email, ctx.formParam("password"), gate.client(ctx));
        if (who.isEmpty()) {
            gate.failed(gate.client(ctx));
            ctx.status(401);
            loginPage(ctx, "", msg("admin.login.wrong"), email);
            return;
        }
        String old = ctx.cookie(AdminGate.SESSION_COOKIE);
        Sessions.Opened in = gate.sessions().open(who.get());
        if (old != null) {
            gate.sessions().end(new AuditLog.Actor(who.get(), "page", gate.client(ctx)), old);
        }
        ctx.res().addHeader("Set-Cookie", AdminGate.sessionCookie(ctx, in.cookie(), (int) Sessions.IDLE.toSeconds()));
        ctx.redirect("/admin");
    }

    private void inviteForm(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        Optional<AdminUser> user = gate.accounts().invited(ctx.pathParam("token"));
        if (user.isEmpty()) {
            error(ctx, 410, msg("admin.invite.expired"));
            return;
        }
        invitePage(ctx, user.get(), "");
    }

    private void invitePage(Context ctx, AdminUser user, String error) {
        render(ctx, null, "invite", Map.of("csrf", gate.formToken(ctx), "email", user.email(), "error", error,
                "token", ctx.pathParam("token")));
    }

    private void acceptInvite(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (!gate.formTokenValid(ctx)) {
            error(ctx, 403, msg("admin.csrf"));
            return;
        }
        String token = ctx.pathParam("token");
        Optional<AdminUser> user = gate.accounts().invited(token);
        if (user.isEmpty()) {
            error(ctx, 410, msg("admin.invite.expired"));
            return;
        }
        String password = ctx.formParam("password");
        if (password == null || !password.equals(ctx.formParam("repeat"))) {
            ctx.status(400);
            invitePage(ctx, user.get(), msg("admin.invite.mismatch"));
            return;
        }
        try {
            gate.accounts().acceptInvitation(token, password, gate.client(ctx));
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            invitePage(ctx, user.get(), msg("admin.invite.tooShort"));
            return;
        }
        ctx.redirect("/admin/login?notice=passwordSet");
    }

    // --- dashboard and editions ---

    private void dashboard(Context ctx, AdminGate.Access a) {
        var stats = store.stats(AdminStore.StatsView.DASHBOARD);
        List<Map<String, Object>> jobs = actions.jobs().stream().map(j -> Map.<String, Object>of(
                "name", j.name(), "cron", j.cron(),
                "previous", j.previousFire().map(time::format).orElse("–"),
                "next", j.nextFire().map(time::format).orElse(actions.schedulerRunning() ? "–" : msg("admin.jobs.stopped"))))
                .toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("stats", Map.of("total", stats.subscribers(), "byStatus", stats.subscribersByStatus(),
                "byCadence", stats.confirmedByCadence(), "failed", stats.failedDeliveries(),
                "countedAt", stats.countedAt() == null ? "" : time.format(stats.countedAt()),
                "sentPerDay", stats.sentPerDay().entrySet().stream()
                        .map(e -> Map.of("day", e.getKey().toString(), "count", e.getValue())).toList()));
        model.put("jobs", jobs);
        model.put("editions", desk.recent(0, 10).stream().map(this::edition).toList());
        model.put("waiting", actions.waitingApproval().entrySet().stream()
                .map(e -> Map.of("id", e.getKey(), "by", e.getValue())).toList());
        model.put("holding", desk.holding().stream().map(e -> Map.of("id", e.id(), "cadence", e.cadence().id(),
                "topic", e.topic() == null ? "" : e.topic())).toList());
        model.put("cadences", Arrays.stream(Cadence.values()).map(Cadence::id).toList());
        model.put("outage", outageBar(outbox.outage()));
        model.put("clockNote", actions.clockOffset().map(this::clockNote).orElse(""));
        model.put("outbox", a.actor().identity().role().covers(Role.PUBLISHER) ? outboxLine() : Map.of());
        model.put("notice", Optional.ofNullable(ctx.queryParam("notice")).map(k -> msg("admin.notice." + k)).orElse(""));
        model.put("firstIssue", "nothingNew".equals(ctx.queryParam("notice")) ? firstIssue(ctx.queryParam("cadence")) : Map.of());
        render(ctx, a, "dashboard", model);
    }

    /**
     * After a create found nothing new: the offer of a first issue, when members who never got a
     * digest signed up after articles were collected (empty otherwise: it would send nothing).
     */
    private Map<String, Object> firstIssue(String cadenceId) {
        Cadence cadence;
        try {
            cadence = Cadence.parse(String.valueOf(cadenceId));
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
        NothingNew why = desk.nothingNew(cadence, null);
        if (why.newcomers() == 0 || why.olderThanSignUp() == 0) {
            return Map.of();
        }
        // A week back unless delivery.maxAgeDays allows less; at most delivery.maxAgeDays.
        return Map.of("cadence", cadence.id(), "days", Math.min(7, why.maxAgeDays()), "maxDays", why.maxAgeDays(),
                "articles", why.olderThanSignUp(), "newcomers", why.newcomers());
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

    /** The dashboard's line on the outbox: how many mails wait, how many failed for good in the last day. */
    private Map<String, Object> outboxLine() {
        var state = outbox.state();
        return Map.of("waiting", state.waiting(), "failed", state.failedToday(), "troubled", state.troubled());
    }

    private void createEdition(Context ctx, AdminGate.Access a) {
        Cadence cadence;
        try {
            cadence = Cadence.parse(String.valueOf(ctx.formParam("cadence")));
        } catch (IllegalArgumentException e) {
            throw new BadInput("cadence", msg("admin.member.invalid.cadence"));
        }
        Optional<EditionDesk.View> created = actions.createEdition(a.actor(), cadence, null, includeRecent(ctx, cadence));
        if (created.isEmpty()) {
            ctx.redirect("/admin?notice=nothingNew&cadence=" + cadence.id());
            return;
        }
        ctx.redirect("/admin/editions/" + created.get().edition().id());
    }

    /** The first issue's "articles of the last N days" (null: a regular edition), N from 1 to delivery.maxAgeDays. */
    private Duration includeRecent(Context ctx, Cadence cadence) {
        String days = ctx.formParam("includeRecentDays");
        if (days == null || days.isBlank()) {
            return null;
        }
        int max = desk.nothingNew(cadence, null).maxAgeDays();
        try {
            int n = Integer.parseInt(days.strip());
            if (n >= 1 && n <= max) {
                return Duration.ofDays(n);
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new BadInput("includeRecentDays", msg("admin.firstIssue.badDays").replace("{max}", Integer.toString(max)));
    }

    private EditionDesk.View view(Context ctx) {
        long id = AdminApi.id(ctx);
        return desk.view(id).orElseThrow(() -> new NoSuchElementException(msg("admin.edition.unknown").replace("{id}", Long.toString(id))));
    }

    /**
     * Somebody saved the edition's texts after this editor opened the page: what this editor typed,
     * shown above the form (which holds the stored texts now) so it can be taken over.
     */
    private Map<String, Object> textsNotSaved(Context ctx, ChangedMeanwhile e) {
        String why = e.lastChange().map(c -> msg("admin.edition.textsChangedBy", Map.of("who", c.actor(), "time", timeOfDay(c.at()))))
                .orElseGet(() -> msg("admin.edition.textsChanged"));
        return Map.of("why", why + " " + msg("admin.edition.textsYours"),
                "subject", Optional.ofNullable(ctx.formParam("subject")).orElse(""),
                "intro", Optional.ofNullable(ctx.formParam("intro")).orElse(""));
    }

    private void edition(Context ctx, AdminGate.Access a) {
        edition(ctx, a, Map.of());
    }

    /**
     * The edition page; {@code problem}: why an action on it did nothing, as {@code error} (a
     * message) or {@code notSaved} (texts this editor typed that were not saved: {@link #textsNotSaved}).
     */
    private void edition(Context ctx, AdminGate.Access a, Map<String, Object> problem) {
        EditionDesk.View v = view(ctx);
        long id = v.edition().id();
        String as = Optional.ofNullable(ctx.queryParam("as")).map(String::strip).orElse("");
        Optional<OutgoingMail> preview = as.isEmpty() ? desk.preview(id) : member(as).flatMap(m -> desk.preview(id, m));
        Optional<Approval> approval = actions.approval(id);
        boolean waiting = approval.filter(Approval::waiting).isPresent();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("e", edition(v));
        model.put("outage", outageBar(v.smtpOutage()));
        model.put("subject", preview.map(OutgoingMail::subject).orElse(""));
        model.put("to", preview.map(p -> p.to().value()).orElse(""));
        model.put("text", preview.map(OutgoingMail::text).orElse(""));
        model.put("asEmail", as);
        model.put("asMissing", !as.isEmpty() && preview.isEmpty());
        boolean publisher = a.actor().identity().role().covers(Role.PUBLISHER);
        model.put("publisher", publisher);
        model.put("draftedBy", approval.map(Approval::draftedBy).orElse(""));
        model.put("approvedBy", approval.map(Approval::approvedBy).orElse(""));
        model.put("waiting", waiting);
        model.put("mayApprove", waiting && publisher && !approval.get().draftedBy().equals(a.actor().name()));
        model.put("sendable", publisher && !waiting && (v.edition().status() == Edition.Status.PAUSED
                || v.edition().status() == Edition.Status.SENDING && !v.running()));
        model.put("mayTest", a.actor().identity().userId() != null);
        model.put("ownSubject", Optional.ofNullable(v.edition().texts().subject()).orElse(""));
        model.put("intro", Optional.ofNullable(v.edition().texts().introMarkdown()).orElse(""));
        model.put("textsRevision", v.edition().texts().revision());
        model.put("notSaved", Map.of());
        model.put("error", "");
        model.putAll(problem);
        model.put("editable", v.edition().status() == Edition.Status.PAUSED && v.progress().sent() + v.progress().failed() == 0);
        model.put("refresh", v.running());
        model.put("notice", Optional.ofNullable(ctx.queryParam("notice")).map(k -> msg("admin.notice." + k)).orElse(""));
        render(ctx, a, "edition", model);
    }

    private static Optional<org.rundbrief.mail.EmailAddress> member(String email) {
        try {
            return Optional.of(org.rundbrief.mail.EmailAddress.parse(email));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The mail's HTML exactly as the first recipient gets it, for the page's sandboxed iframe. */
    private void previewFrame(Context ctx, AdminGate.Access a) {
        long id = view(ctx).edition().id();
        String as = Optional.ofNullable(ctx.queryParam("as")).map(String::strip).orElse("");
        OutgoingMail mail = (as.isEmpty() ? desk.preview(id) : member(as).flatMap(m -> desk.preview(id, m)))
                .orElseThrow(() -> new IllegalStateException(msg("admin.edition.noPreview")));
        ctx.header("Content-Security-Policy", PREVIEW_CSP).header("X-Content-Type-Options", "nosniff")
                .contentType("text/html; charset=utf-8").result(mail.html());
    }

    /** "Send to N members?", carrying the texts' revision the edition page showed on to the send. */
    private void confirm(Context ctx, AdminGate.Access a) {
        render(ctx, a, "confirm", Map.of("e", edition(view(ctx)),
                "revision", Optional.ofNullable(ctx.queryParam("revision")).filter(r -> r.matches("[0-9a-f]{1,64}")).orElse("")));
    }

    // --- sources ---

    private void sources(Context ctx, AdminGate.Access a) {
        Set<String> configured = configuredSources;
        List<Map<String, Object>> rows = store.sources().stream().map(src -> Map.<String, Object>of(
                "key", src.sourceKey(), "items", src.itemCount(),
                "warning", notes(src.warningNotes()),
                "removed", !configured.contains(src.sourceKey()) && !src.sourceKey().equals(Collector.MANUAL),
                "success", src.lastSuccess() == null ? "–" : time.format(src.lastSuccess()),
                "error", notes(src.errorNotes()),
                "errorAt", src.lastErrorAt() == null ? "" : time.format(src.lastErrorAt()),
                "ok", src.lastWarning() == null && configured.contains(src.sourceKey())
                        && (src.lastError() == null || src.lastSuccess() != null && src.lastErrorAt() != null
                        && src.lastSuccess().isAfter(src.lastErrorAt()))))
                .toList();
        render(ctx, a, "sources", Map.of("rows", rows, "report", ""));
    }
}
