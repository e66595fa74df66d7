package org.rundbrief.web;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server. Each feature contributes its routes as a {@link Routes}; this class only
 * starts and stops Jetty (through Javalin) and maps uncaught errors to a 500 that is logged.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    /** A group of routes owned by one feature (feeds, subscriber pages, admin API, ...). */
    public interface Routes {
        void register(RoutesConfig routes);

        /** Optional Jetty-level hook for a hot path that must skip the framework (feeds; see FeedRoutes). */
        default void configureServer(org.eclipse.jetty.server.Server server) {}
    }

    private final Javalin javalin;

    public WebServer(List<Routes> groups) {
        javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.defaultContentType = "text/html; charset=utf-8";
            for (Routes group : groups) {
                group.register(config.routes);
            }
            config.jetty.modifyServer(server -> groups.forEach(g -> g.configureServer(server)));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).contentType("text/plain; charset=utf-8").result("Internal error; the log has the details.");
            });
        });
    }

    /** Starts on {@code port} (0 picks a free port) on all interfaces; returns the bound port. */
    public int start(int port) {
        javalin.start(port);
        return javalin.port();
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
