package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
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
        new CachedAnswer.Handler(log) {
            @Override
            Optional<CachedAnswer.Lookup> lookup(Request request) {
                return FeedView.parse(request.getHttpURI().getDecodedPath()).map(view -> feeds.keptFeed(view)
                        .map(feed -> CachedAnswer.Lookup.ready(CachedAnswer.of(feed)))
                        .orElseGet(() -> CachedAnswer.Lookup.later(() -> Optional.of(answer(view)))));
            }
        }.installIn(server);
    }

    private CachedAnswer answer(FeedView view) {
        Optional<Rendered> feed = feeds.feed(view);
        if (feed.isPresent()) {
            return CachedAnswer.of(feed.get());
        }
        String topic = view.topic().orElse("");
        return CachedAnswer.plain(404, !topic.isEmpty() && feeds.site().topic(topic).isEmpty()
                ? "There is no topic '" + topic + "'."
                : "There is no such feed.");
    }
}
