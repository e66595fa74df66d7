package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import java.util.Optional;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.rundbrief.cache.ConditionalGet;
import org.rundbrief.cache.Rendered;
import org.rundbrief.feed.FeedService;
import org.rundbrief.feed.FeedView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET and HEAD for every feed URL: {@code /feed.EXT}, {@code /topics/{topic}/feed.EXT} and their
 * RFC 5005 archives {@code [/topics/{topic}]/archive/{yyyy-mm}/feed.EXT}.
 *
 * <p>Feed readers poll all day, so feeds are answered by a bare Jetty handler in front of Javalin:
 * measured on this machine class, a Javalin route gives about a third of nginx's rate for a cached
 * 50 KB feed, a Jetty handler most of it (bench/README.md, Feeds). Every other path
 * falls through to Javalin untouched. The cache package decides the answer ({@link ConditionalGet});
 * this class only copies it onto the wire.
 */
public final class FeedRoutes implements WebServer.Routes {
    private static final Logger log = LoggerFactory.getLogger(FeedRoutes.class);
    private final FeedService feeds;

    public FeedRoutes(FeedService feeds) {
        this.feeds = feeds;
    }

    @Override
    public void register(RoutesConfig routes) {
        // Nothing: feeds are served before Javalin's routing (configureServer).
    }

    @Override
    public void configureServer(Server server) {
        FeedHandler handler = new FeedHandler();
        // Javalin puts its servlet context inside the innermost wrapper it finds.
        handler.setHandler(server.getHandler());
        server.setHandler(handler);
    }

    private final class FeedHandler extends Handler.Wrapper {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String method = request.getMethod();
            boolean head = HttpMethod.HEAD.is(method);
            if (!head && !HttpMethod.GET.is(method)) {
                return super.handle(request, response, callback);
            }
            Optional<FeedView> view = FeedView.parse(request.getHttpURI().getDecodedPath());
            if (view.isEmpty()) {
                return super.handle(request, response, callback);
            }
            Optional<Rendered> feed;
            try {
                feed = feeds.feed(view.get());
            } catch (RuntimeException e) {
                // Same answer as WebServer's mapping for Javalin routes: logged, plain 500.
                log.error("GET {} failed", view.get().path(), e);
                CachedAnswer.plain(response, callback, 500, "Internal error; the log has the details.");
                return true;
            }
            if (feed.isEmpty()) {
                String topic = view.get().topic().orElse("");
                CachedAnswer.plain(response, callback, 404, !topic.isEmpty() && feeds.site().topic(topic).isEmpty()
                        ? "There is no topic '" + topic + "'."
                        : "There is no such feed.");
                return true;
            }
            CachedAnswer.write(request, response, callback, feed.get(), head);
            return true;
        }
    }
}
