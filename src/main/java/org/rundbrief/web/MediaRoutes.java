package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.rundbrief.article.MediaFiles;

/**
 * {@code GET /media/NAME}: an image uploaded for a post. The name is the hash of the file's bytes,
 * so the answer never changes and is cached for a year ({@code immutable}); unknown names are 404.
 */
public final class MediaRoutes implements WebServer.Routes {
    private final MediaFiles media;

    public MediaRoutes(MediaFiles media) {
        this.media = media;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/media/{name}", ctx -> {
            String name = ctx.pathParam("name");
            Optional<Path> file = media.open(name);
            if (file.isEmpty()) {
                ctx.status(404).contentType("text/plain; charset=utf-8").result("no such image");
                return;
            }
            byte[] bytes = Files.readAllBytes(file.get());
            ctx.header("Cache-Control", "public, max-age=31536000, immutable").header("X-Content-Type-Options", "nosniff");
            ctx.res().setCharacterEncoding(null); // an image has no charset (Javalin's text default would add one)
            ctx.res().setContentType(name.endsWith(".png") ? "image/png" : "image/jpeg");
            ctx.result(bytes);
        });
    }
}
