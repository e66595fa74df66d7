package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.NotFoundResponse;
import java.util.Optional;
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
        // Found editions are normally answered by PublicPages from the render cache; this answers the rest.
        routes.get("/editions/{id}", ctx -> {
            long id;
            try {
                id = Long.parseLong(ctx.pathParam("id"));
            } catch (NumberFormatException e) {
                throw new NotFoundResponse("No such edition");
            }
            String html = html(id).orElseThrow(() -> new NotFoundResponse("No such edition"));
            ctx.contentType(ArchivePages.HTML).result(html);
        });
    }

    /** The web version; empty unless the edition exists and is being or has been sent. */
    Optional<String> html(long id) {
        return editions.byId(id)
                .filter(e -> e.status() == Edition.Status.DONE || e.status() == Edition.Status.SENDING)
                .map(webVersions::html);
    }
}
