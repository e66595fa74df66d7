package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rundbrief.admin.Accounts;
import org.rundbrief.admin.AdminUser;
import org.rundbrief.admin.Role;

/**
 * The account pages: {@code /admin/account} (one's own API tokens, "log out everywhere") for every
 * role, {@code /admin/users} (invite, reset, remove) for admins. A new token or invitation link
 * is shown once, on the page that answers the form; only its hash is kept.
 */
final class AccountPages {
    private final AdminPages pages;
    private final Accounts accounts;

    AccountPages(AdminPages pages) {
        this.pages = pages;
        this.accounts = pages.gate().accounts();
    }

    void register(RoutesConfig r) {
        r.get("/admin/account", pages.page(Role.EDITOR, (ctx, a) -> account(ctx, a, "")));
        r.post("/admin/account/tokens", pages.form(Role.EDITOR, (ctx, a) -> {
            Long me = a.actor().identity().userId();
            if (me == null) {
                throw new IllegalStateException(pages.msg("admin.account.bootstrapTokens"));
            }
            account(ctx, a, accounts.createToken(a.actor(), me, ctx.formParam("name")));
        }));
        r.post("/admin/account/tokens/{id}/revoke", pages.form(Role.EDITOR, (ctx, a) -> {
            Long me = a.actor().identity().userId();
            accounts.revokeToken(a.actor(), me == null ? -1 : me, AdminApi.id(ctx));
            ctx.redirect("/admin/account");
        }));
        r.post("/admin/account/logout-everywhere", pages.form(Role.EDITOR, (ctx, a) -> {
            pages.gate().sessions().endEverywhere(a.actor());
            ctx.res().addHeader("Set-Cookie", AdminGate.sessionCookie(ctx, "", 0));
            ctx.redirect("/admin/login");
        }));
        r.get("/admin/users", pages.page(Role.ADMIN, (ctx, a) -> users(ctx, a, null)));
        r.post("/admin/users", pages.form(Role.ADMIN, (ctx, a) -> {
            Role role;
            try {
                role = Role.parse(ctx.formParam("role"));
            } catch (IllegalArgumentException e) {
                throw new BadInput("role", pages.msg("admin.users.badRole"));
            }
            users(ctx, a, accounts.invite(a.actor(), ctx.formParam("email"), ctx.formParam("name"), role));
        }));
        r.post("/admin/users/{id}/reset", pages.form(Role.ADMIN, (ctx, a) -> {
            AdminUser user = accounts.byId(AdminApi.id(ctx)).orElseThrow(() -> new java.util.NoSuchElementException(
                    "no user " + ctx.pathParam("id")));
            users(ctx, a, accounts.reset(a.actor(), user.email()));
        }));
        r.post("/admin/users/{id}/remove", pages.form(Role.ADMIN, (ctx, a) -> {
            accounts.remove(a.actor(), AdminApi.id(ctx));
            ctx.redirect("/admin/users");
        }));
    }

    private void account(Context ctx, AdminGate.Access a, String newToken) {
        Long me = a.actor().identity().userId();
        List<Map<String, Object>> tokens = me == null ? List.of() : accounts.tokens(me).stream()
                .map(t -> Map.<String, Object>of("id", t.id(), "name", t.name(), "created", pages.time(t.createdAt()),
                        "used", t.lastUsedAt() == null ? "–" : pages.time(t.lastUsedAt())))
                .toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("bootstrap", me == null);
        model.put("tokens", tokens);
        model.put("newToken", newToken);
        model.put("roleName", pages.msg("admin.role." + a.actor().identity().role().id()));
        pages.render(ctx, a, "account", model);
    }

    private void users(Context ctx, AdminGate.Access a, Accounts.Invitation invitation) {
        List<Map<String, Object>> rows = accounts.list().stream().map(u -> Map.<String, Object>of("id", u.id(),
                "email", u.email(), "name", u.name() == null ? "" : u.name(),
                "role", pages.msg("admin.role." + u.role().id()), "active", u.active(), "created", pages.time(u.createdAt())))
                .toList();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("rows", rows);
        model.put("roles", java.util.Arrays.stream(Role.values()).map(r -> Map.of("id", r.id(),
                "label", pages.msg("admin.role." + r.id()))).toList());
        model.put("link", invitation == null ? "" : invitation.link());
        model.put("linkFor", invitation == null ? "" : invitation.user().email());
        model.put("linkExpires", invitation == null ? "" : pages.time(invitation.expires()));
        pages.render(ctx, a, "users", model);
    }
}
