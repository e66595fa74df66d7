package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.rundbrief.feed.ConditionalGet;
import org.rundbrief.feed.FeedFormat;
import org.rundbrief.feed.FeedService;
import org.rundbrief.feed.FeedView;
import org.rundbrief.feed.RenderedFeed;

/**
 * GET and HEAD for every feed URL: {@code /feed.EXT}, {@code /topics/{topic}/feed.EXT} and their
 * RFC 5005 archives {@code [/topics/{topic}]/archive/{yyyy-mm}/feed.EXT}. Only request/response
 * IO: the feed package decides the answer ({@link ConditionalGet}).
 */
public final class FeedRoutes implements WebServer.Routes {
    private final FeedService feeds;

    public FeedRoutes(FeedService feeds) {
        this.feeds = feeds;
    }

    @Override
    public void register(RoutesConfig r) {
        for (FeedFormat format : FeedFormat.values()) {
            String file = "/feed." + format.extension();
            for (String path : new String[] {file, "/topics/{topic}" + file, "/archive/{month}" + file,
                    "/topics/{topic}/archive/{month}" + file}) {
                r.get(path, ctx -> serve(ctx, format));
                r.head(path, ctx -> serve(ctx, format));
            }
        }
    }

    private void serve(Context ctx, FeedFormat format) {
        Optional<String> topic = Optional.ofNullable(ctx.pathParamMap().get("topic"));
        Optional<YearMonth> month;
        try {
            month = Optional.ofNullable(ctx.pathParamMap().get("month")).map(YearMonth::parse);
        } catch (DateTimeParseException e) {
            notFound(ctx, "An archive month looks like 2026-05.");
            return;
        }
        Optional<RenderedFeed> feed = feeds.feed(new FeedView(format, topic, month));
        if (feed.isEmpty()) {
            notFound(ctx, topic.isPresent() && feeds.site().topic(topic.get()).isEmpty()
                    ? "There is no topic '" + topic.get() + "'."
                    : "There is no such feed.");
            return;
        }
        ConditionalGet.Answer answer = ConditionalGet.answer(feed.get(), ctx.header("If-None-Match"),
                ctx.header("If-Modified-Since"), ctx.header("Accept-Encoding"), ctx.method() == HandlerType.HEAD);
        ctx.status(answer.status());
        answer.headers().forEach(ctx::header);
        if (answer.body().length > 0) {
            ctx.result(answer.body());
        }
    }

    private static void notFound(Context ctx, String message) {
        ctx.status(404).contentType("text/plain; charset=utf-8").result(message);
    }
}
