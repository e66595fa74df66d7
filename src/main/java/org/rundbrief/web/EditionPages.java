package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.NotFoundResponse;
import org.rundbrief.edition.Edition;
import org.rundbrief.edition.EditionStore;
import org.rundbrief.render.WebVersions;

/** {@code GET /editions/{id}}: the web version of a sent edition, with no personal data in it. */
public final class EditionPages implements WebServer.Routes {
    private final EditionStore editions;
    private final WebVersions webVersions;

    public EditionPages(EditionStore editions, WebVersions webVersions) {
        this.editions = editions;
        this.webVersions = webVersions;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/editions/{id}", ctx -> {
            long id;
            try {
                id = Long.parseLong(ctx.pathParam("id"));
            } catch (NumberFormatException e) {
                throw new NotFoundResponse("No such edition");
            }
            Edition edition = editions.byId(id)
                    .filter(e -> e.status() == Edition.Status.DONE || e.status() == Edition.Status.SENDING)
                    .orElseThrow(() -> new NotFoundResponse("No such edition"));
            ctx.contentType("text/html; charset=utf-8").result(webVersions.html(edition));
        });
    }
}
