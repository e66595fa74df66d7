package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rundbrief.admin.OutboxDesk;
import org.rundbrief.admin.Role;
import org.rundbrief.delivery.Outbox;

/**
 * The outbox of transactional mail ({@code /admin/outbox}, publishers and admins, who see members):
 * the SMTP server's outage, what waits per kind of mail (how many, since when, the next try, the
 * latest error), the mails not sent page by page (keyset, newest first), and "retry now", which
 * makes due at once what waits for a later try.
 */
final class OutboxPages {
    private final AdminPages pages;
    private final OutboxDesk outbox;

    OutboxPages(AdminPages pages, OutboxDesk outbox) {
        this.pages = pages;
        this.outbox = outbox;
    }

    void register(RoutesConfig r) {
        r.get("/admin/outbox", pages.page(Role.PUBLISHER, this::list));
        r.post("/admin/outbox/retry", pages.form(Role.PUBLISHER, (ctx, a) -> {
            outbox.retryNow(a.actor());
            ctx.redirect("/admin/outbox?notice=retried");
        }));
    }

    private void list(Context ctx, AdminGate.Access a) {
        List<Outbox.Unsent> found = outbox.unsent(AdminApi.before(ctx), MemberPages.PAGE + 1);
        List<Outbox.Unsent> rows = found.subList(0, Math.min(MemberPages.PAGE, found.size()));
        Outbox.State state = outbox.state();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("outage", pages.outageBar(outbox.outage()));
        model.put("waiting", state.waiting());
        model.put("failedToday", state.failedToday());
        model.put("kinds", outbox.waitingByKind().stream().map(k -> Map.<String, Object>of("kind", kind(k.kind()),
                "waiting", k.waiting(), "oldest", pages.time(k.oldest()), "next", pages.time(k.nextTry()),
                "error", text(k.lastError()), "errorAt", pages.time(k.lastErrorAt()))).toList());
        model.put("rows", rows.stream().map(u -> Map.<String, Object>of("id", u.id(), "member", u.subscriberId(),
                "recipient", u.recipient(), "kind", kind(u.kind()), "status", u.status(), "attempts", u.attempts(),
                "error", text(u.lastError()), "errorAt", pages.time(u.lastErrorAt()),
                "next", "queued".equals(u.status()) ? pages.time(u.nextTry()) : "")).toList());
        model.put("next", found.size() > MemberPages.PAGE ? rows.get(rows.size() - 1).id() : -1L);
        model.put("notice", Optional.ofNullable(ctx.queryParam("notice")).map(k -> pages.msg("admin.notice.outbox." + k))
                .orElse(""));
        pages.render(ctx, a, "outbox", model);
    }

    /** The kind's name for people ("Bestätigung"); the stored name for a kind the texts do not know. */
    private String kind(String kind) {
        String key = "admin.outbox.kind." + kind;
        String label = pages.msg(key);
        return label.equals(key) ? kind : label;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
