package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rundbrief.admin.AdminStore;
import org.rundbrief.admin.MemberActions;
import org.rundbrief.admin.Role;
import org.rundbrief.mail.EmailAddress;

/**
 * Bounces and suppressions ({@code /admin/suppressions}, publishers and admins): who bounced or
 * complained, when, and the mail server's last diagnostic (the raw reports are on the member's
 * page); how many addresses are suppressed per reason; and lifting a suppression with a note that
 * goes into the consent log. Forgotten addresses are kept only as a keyed hash, so they are
 * counted, not listed: typing the address lifts theirs too.
 */
final class SuppressionPages {
    private final AdminPages pages;
    private final MemberActions members;
    private final AdminStore store;

    SuppressionPages(AdminPages pages, MemberActions members, AdminStore store) {
        this.pages = pages;
        this.members = members;
        this.store = store;
    }

    void register(RoutesConfig r) {
        r.get("/admin/suppressions", pages.page(Role.PUBLISHER, (ctx, a) -> list(ctx, a, "", "")));
        r.post("/admin/suppressions/lift", pages.form(Role.PUBLISHER, this::lift));
    }

    private void list(Context ctx, AdminGate.Access a, String error, String email) {
        long before = Math.max(0, parseLong(ctx.queryParam("before")));
        List<AdminStore.BouncedMember> found = store.bouncedMembers(before == 0 ? Long.MAX_VALUE : before, MemberPages.PAGE + 1);
        List<AdminStore.BouncedMember> rows = found.subList(0, Math.min(MemberPages.PAGE, found.size()));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("rows", rows.stream().map(b -> Map.<String, Object>of("id", b.id(), "email", b.email(),
                "status", b.status(), "since", pages.time(b.since()),
                "diagnostic", b.diagnostic() == null ? "" : b.diagnostic(),
                "suppressed", members.suppressed(EmailAddress.parse(b.email())))).toList());
        model.put("next", found.size() > MemberPages.PAGE ? rows.get(rows.size() - 1).id() : -1L);
        model.put("counts", store.suppressionsByReason());
        model.put("error", error);
        model.put("email", email);
        model.put("notice", Optional.ofNullable(ctx.queryParam("notice")).map(k -> pages.msg("admin.notice.suppression." + k))
                .orElse(""));
        pages.render(ctx, a, "suppressions", model);
    }

    private static long parseLong(String v) {
        try {
            return v == null ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void lift(Context ctx, AdminGate.Access a) {
        String typed = Optional.ofNullable(ctx.formParam("email")).orElse("").strip();
        String note = Optional.ofNullable(ctx.formParam("note")).orElse("").strip();
        EmailAddress email;
        try {
            email = EmailAddress.parse(typed);
        } catch (IllegalArgumentException e) {
            refuse(ctx, a, pages.msg("admin.member.invalid.email"), typed);
            return;
        }
        if (note.isEmpty() || note.chars().anyMatch(ch -> ch < 0x20)) {
            refuse(ctx, a, pages.msg("admin.suppressions.noteRequired"), typed);
            return;
        }
        if (!members.unsuppress(a.actor(), email, note)) {
            refuse(ctx, a, pages.msg("admin.suppressions.notSuppressed").replace("{email}", email.value()), typed);
            return;
        }
        ctx.redirect("/admin/suppressions?notice=lifted");
    }

    private void refuse(Context ctx, AdminGate.Access a, String error, String email) {
        ctx.status(400);
        list(ctx, a, error, email);
    }
}
