package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rundbrief.admin.AdminStore;
import org.rundbrief.admin.ChangedMeanwhile;
import org.rundbrief.admin.MemberActions;
import org.rundbrief.admin.Role;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Choices;
import org.rundbrief.subscriber.InvalidInput;
import org.rundbrief.subscriber.NewSubscriber;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.subscriber.SubscriberExport;
import org.rundbrief.subscriber.SubscriberStore;

/**
 * Members in the browser ({@code /admin/subscribers}, publishers and admins): search and page
 * through the list, add a member, change their name, language, topics and cadence, unsubscribe,
 * forget (after a confirmation page), and export the list as CSV. The CSV upload is
 * {@link MemberImportPage}. Every change goes through {@link MemberActions}, which audits it with
 * the logged-in person.
 */
final class MemberPages {
    /** Members per page of the list. */
    static final int PAGE = 50;

    private final AdminPages pages;
    private final MemberActions members;
    private final AdminStore store;
    private final Choices choices;

    MemberPages(AdminPages pages, MemberActions members, AdminStore store, Choices choices) {
        this.pages = pages;
        this.members = members;
        this.store = store;
        this.choices = choices;
    }

    void register(RoutesConfig r) {
        r.get("/admin/subscribers", pages.page(Role.PUBLISHER, this::list));
        r.get("/admin/subscribers/new", pages.page(Role.PUBLISHER, (ctx, a) -> addForm(ctx, a, Map.of(), List.of())));
        r.post("/admin/subscribers", pages.form(Role.PUBLISHER, this::add));
        r.get("/admin/subscribers/export", pages.page(Role.PUBLISHER, (ctx, a) -> {
            boolean excel = "true".equals(ctx.queryParam("excel"));
            ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition",
                    "attachment; filename=\"" + (excel ? "mitglieder-excel.csv" : "subscribers.csv") + "\"");
            members.export(a.actor(), new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8),
                    excel ? SubscriberExport.Layout.EXCEL : SubscriberExport.Layout.STANDARD);
        }));
        new MemberImportPage(pages, members).register(r);
        r.get("/admin/subscribers/{id}", pages.page(Role.PUBLISHER, (ctx, a) -> detail(ctx, a, member(ctx), List.of())));
        r.post("/admin/subscribers/{id}", pages.form(Role.PUBLISHER, this::update));
        r.post("/admin/subscribers/{id}/unsubscribe", pages.form(Role.PUBLISHER, (ctx, a) -> {
            Subscriber s = members.unsubscribe(a.actor(), member(ctx).id());
            ctx.redirect("/admin/subscribers/" + s.id() + "?notice=unsubscribed");
        }));
        r.get("/admin/subscribers/{id}/forget", pages.page(Role.PUBLISHER, (ctx, a) -> {
            Subscriber s = member(ctx);
            pages.render(ctx, a, "member-forget", Map.of("id", s.id(), "email", s.email().value()));
        }));
        r.post("/admin/subscribers/{id}/forget", pages.form(Role.PUBLISHER, (ctx, a) -> {
            members.forget(a.actor(), member(ctx).id());
            ctx.redirect("/admin/subscribers?notice=forgotten");
        }));
    }

    private Subscriber member(Context ctx) {
        long id = AdminApi.id(ctx);
        return members.find(id).orElseThrow(() -> new java.util.NoSuchElementException(
                pages.msg("admin.member.unknown").replace("{id}", Long.toString(id))));
    }

    // --- the list ---

    private void list(Context ctx, AdminGate.Access a) {
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("");
        String status = Optional.ofNullable(ctx.queryParam("status")).orElse("");
        long after = longParam(ctx, "after");
        List<AdminStore.MemberRow> found = store.membersAfter(q, status(status), after, PAGE + 1);
        List<AdminStore.MemberRow> rows = found.subList(0, Math.min(PAGE, found.size()));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("q", q);
        model.put("status", status);
        model.put("statuses", Arrays.stream(Subscriber.Status.values()).map(Subscriber.Status::id).toList());
        model.put("rows", rows.stream().map(m -> Map.<String, Object>of("id", m.id(), "email", m.email(),
                "name", m.name() == null ? "" : m.name(), "status", m.status(), "cadence", m.cadence())).toList());
        model.put("first", after == 0);
        model.put("next", found.size() > PAGE ? rows.get(rows.size() - 1).id() : -1L);
        model.put("notice", notice(ctx));
        pages.render(ctx, a, "subscribers", model);
    }

    /** The status filter: empty for any; an unknown value is a 400 naming the ones there are. */
    private Subscriber.Status status(String value) {
        if (value.isBlank()) {
            return null;
        }
        for (Subscriber.Status s : Subscriber.Status.values()) {
            if (s.id().equals(value)) {
                return s;
            }
        }
        throw new BadInput("status", pages.msg("admin.member.badStatus").replace("{value}", value));
    }

    private long longParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        try {
            return v == null || v.isBlank() ? 0 : Math.max(0, Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new BadInput(name, pages.msg("admin.member.badNumber").replace("{name}", name));
        }
    }

    private String notice(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("notice")).map(k -> pages.msg("admin.notice.member." + k)).orElse("");
    }

    // --- add ---

    private void addForm(Context ctx, AdminGate.Access a, Map<String, String> entered, List<String> errors) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("email", entered.getOrDefault("email", ""));
        model.put("name", entered.getOrDefault("name", ""));
        model.put("note", entered.getOrDefault("note", ""));
        choiceModel(model, entered.getOrDefault("language", choices.defaultLanguage()),
                entered.getOrDefault("cadence", Choices.DEFAULT_CADENCE.id()), ctx.formParams("topics"));
        model.put("errors", errors);
        pages.render(ctx, a, "member-new", model);
    }

    private void add(Context ctx, AdminGate.Access a) {
        Map<String, String> entered = new LinkedHashMap<>();
        for (String field : List.of("email", "name", "language", "cadence", "note")) {
            entered.put(field, Optional.ofNullable(ctx.formParam(field)).orElse(""));
        }
        List<String> errors = new ArrayList<>();
        NewSubscriber n = null;
        try {
            n = choices.subscriber(entered.get("email"), entered.get("name"), entered.get("language"),
                    ctx.formParams("topics"), entered.get("cadence"));
        } catch (InvalidInput e) {
            errors.addAll(problems(e));
        }
        if (entered.get("note").isBlank()) {
            errors.add(pages.msg("admin.member.noteRequired"));
        }
        if (errors.isEmpty()) {
            String refusal = refusal(n.email());
            if (refusal == null) {
                Subscriber s = members.add(a.actor(), n, entered.get("note").strip());
                ctx.redirect("/admin/subscribers/" + s.id() + "?notice=added");
                return;
            }
            errors.add(refusal);
        }
        ctx.status(400);
        addForm(ctx, a, entered, errors);
    }

    /** Why an address cannot be added (already a member, or suppressed), or null. */
    private String refusal(EmailAddress email) {
        Optional<Subscriber> listed = members.byEmail(email);
        if (listed.isPresent()) {
            return pages.msg("admin.member.taken").replace("{email}", email.value());
        }
        return members.suppressed(email) ? pages.msg("admin.member.suppressed").replace("{email}", email.value()) : null;
    }

    /** Each bad field as a sentence of the page's language. */
    private List<String> problems(InvalidInput e) {
        return e.problems().stream().map(p -> pages.msg("admin.member.invalid." + p.field())).toList();
    }

    private void choiceModel(Map<String, Object> model, String language, String cadence, List<String> topics) {
        model.put("language", language);
        model.put("languages", Choices.LANGUAGES);
        model.put("cadence", cadence);
        model.put("cadences", Arrays.stream(Cadence.values()).map(Cadence::id).toList());
        String lang = pages.language();
        model.put("topics", choices.topics().stream().map(t -> Map.<String, Object>of("id", t.id(),
                "label", t.label(lang), "checked", topics.contains(t.id()))).toList());
    }

    // --- one member ---

    private void detail(Context ctx, AdminGate.Access a, Subscriber sub, List<String> errors) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("s", Map.of("id", sub.id(), "email", sub.email().value(),
                "name", Optional.ofNullable(sub.name()).orElse(""),
                "status", sub.status().id(), "cadence", sub.cadence().id(), "language", sub.language(),
                "topics", sub.topics().isEmpty() ? "*" : String.join(", ", sub.topics()),
                "created", pages.time(sub.createdAt()),
                "confirmed", sub.confirmedAt() == null ? "" : pages.time(sub.confirmedAt()),
                "active", sub.status() == Subscriber.Status.CONFIRMED || sub.status() == Subscriber.Status.PENDING));
        model.put("revision", sub.revision());
        choiceModel(model, sub.language(), sub.cadence().id(), sub.topics());
        model.put("consent", members.consentLog(sub.id()).stream().map(this::consent).toList());
        model.put("bounces", members.bounceReports(sub.id(), 10).stream().map(b -> Map.of("at", pages.time(b.receivedAt()),
                "kind", b.kind(), "status", b.status() == null ? "" : b.status(),
                "diagnostic", b.diagnostic() == null ? "" : b.diagnostic(), "raw", b.raw() == null ? "" : b.raw())).toList());
        model.put("errors", errors);
        model.put("notice", notice(ctx));
        pages.render(ctx, a, "subscriber", model);
    }

    private Map<String, Object> consent(SubscriberStore.ConsentRecord c) {
        return Map.of("at", pages.time(c.at()), "action", c.action(), "origin", c.origin(),
                "ip", c.ip() == null ? "" : c.ip(), "note", c.note() == null ? "" : c.note());
    }

    private void update(Context ctx, AdminGate.Access a) {
        Subscriber s = member(ctx);
        try {
            NewSubscriber n = choices.subscriber(s.email().value(), ctx.formParam("name"), ctx.formParam("language"),
                    ctx.formParams("topics"), ctx.formParam("cadence"));
            members.update(a.actor(), s.id(), n, ctx.formParam("revision"));
            ctx.redirect("/admin/subscribers/" + s.id() + "?notice=saved");
        } catch (InvalidInput e) {
            ctx.status(400);
            detail(ctx, a, s, problems(e));
        } catch (ChangedMeanwhile e) {
            // the form comes back with what is stored now; the consent log below says what changed
            ctx.status(409);
            detail(ctx, a, member(ctx), List.of(pages.msg("admin.member.changed")));
        }
    }
}
