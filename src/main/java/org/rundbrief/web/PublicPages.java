package org.rundbrief.web;

import io.javalin.config.RoutesConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Fields;
import org.rundbrief.cache.RenderCache;
import org.rundbrief.cache.Rendered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET and HEAD of the public pages from the render cache, the way feeds are served: {@code /},
 * {@code /topics/{topic}} (with their older pages {@code ?before=..&id=..}), {@code /articles/{slug}},
 * {@code /editions/{id}} and the empty form of {@code /subscribe} (one variant per language, chosen
 * by {@code Accept-Language}). Each is rendered once per change of the site (the same poll that
 * drops the feeds, so a page and its feed change together, on every node) and answered by a bare
 * Jetty handler in front of Javalin with strong ETag, Last-Modified (when it was rendered), 304s,
 * pre-compressed gzip and HEAD.
 *
 * <p>Only pages that exist are cached. Everything else (an unknown slug or topic, a malformed page
 * link, other methods, personal pages with a token) falls through to the Javalin routes of
 * {@link ArchivePages}, {@link EditionPages} and {@link SubscriberPages}, which render it fresh.
 */
public final class PublicPages implements WebServer.Routes {
    private static final Logger log = LoggerFactory.getLogger(PublicPages.class);
    /** Browsers may reuse a page for a minute, then revalidate (a 304 costs almost nothing). */
    static final String CACHE_CONTROL = "public, max-age=60";
    static final int MAX_ARTICLES = 2048;
    static final int MAX_OLDER_PAGES = 256;
    static final int MAX_EDITIONS = 64;

    /** A list page: site-wide or of one topic, the first or an older one. */
    private record ListKey(Optional<String> topic, Optional<ArchivePages.Older> older) {}

    private final SubscriberPages subscriberPages;
    private final Clock clock;
    private final RenderCache.Shelf<ListKey> firstPages;
    private final RenderCache.Shelf<ListKey> olderPages;
    private final RenderCache.Shelf<String> articlePages;
    private final RenderCache.Shelf<Long> editionPages;
    private final RenderCache.Shelf<String> subscribeForms;

    public PublicPages(RenderCache cache, ArchivePages archive, EditionPages editions, SubscriberPages subscriberPages,
                       Clock clock) {
        this.subscriberPages = subscriberPages;
        this.clock = clock;
        Function<ListKey, Optional<Rendered>> list = k -> archive.listHtml(k.topic(), k.older()).map(this::page);
        // First pages: one per configured topic plus the index (unknown topics are not kept).
        this.firstPages = cache.shelf(list, Integer.MAX_VALUE);
        this.olderPages = cache.shelf(list, MAX_OLDER_PAGES);
        this.articlePages = cache.shelf(slug -> archive.articleHtml(slug).map(this::page), MAX_ARTICLES);
        this.editionPages = cache.shelf(id -> editions.html(id).map(this::page), MAX_EDITIONS);
        // One per language we speak (SubscriberPages.language never answers anything else).
        this.subscribeForms = cache.shelf(lang -> Optional.of(Rendered.of(ArchivePages.HTML,
                subscriberPages.subscribeForm(lang).getBytes(StandardCharsets.UTF_8), clock.instant(), CACHE_CONTROL,
                "Accept-Language")), Integer.MAX_VALUE);
    }

    private Rendered page(String html) {
        return Rendered.of(ArchivePages.HTML, html.getBytes(StandardCharsets.UTF_8), clock.instant(), CACHE_CONTROL);
    }

    @Override
    public void register(RoutesConfig routes) {
        // Nothing: answered before Javalin's routing (configureServer); the fallbacks are the pages' own routes.
    }

    @Override
    public void configureServer(Server server) {
        new CachedAnswer.Handler(log) {
            @Override
            Optional<CachedAnswer.Lookup> lookup(Request request) {
                return find(request).map(page -> page.kept().map(p -> CachedAnswer.Lookup.ready(CachedAnswer.of(p)))
                        .orElseGet(() -> CachedAnswer.Lookup.later(() -> page.rendered().map(CachedAnswer::of))));
            }
        }.installIn(server);
    }

    /** The cached page this request asks for; empty when the cache does not answer it (Javalin will). */
    Optional<Page<?>> find(Request request) {
        String path = request.getHttpURI().getDecodedPath();
        if (path.equals("/")) {
            return list(request, Optional.empty());
        }
        String topic = lastSegment(path, "/topics/");
        if (topic != null) {
            return list(request, Optional.of(topic));
        }
        String slug = lastSegment(path, "/articles/");
        if (slug != null) {
            return Optional.of(new Page<>(articlePages, slug));
        }
        String edition = lastSegment(path, "/editions/");
        if (edition != null) {
            return isDigits(edition) && edition.length() < 19
                    ? Optional.of(new Page<>(editionPages, Long.parseLong(edition))) : Optional.empty();
        }
        if (path.equals("/subscribe")) {
            return Optional.of(new Page<>(subscribeForms,
                    subscriberPages.language(request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE))));
        }
        return Optional.empty();
    }

    private Optional<Page<?>> list(Request request, Optional<String> topic) {
        if (request.getHttpURI().getQuery() == null) {
            return Optional.of(new Page<>(firstPages, new ListKey(topic, Optional.empty())));
        }
        Fields query = Request.extractQueryParameters(request);
        Optional<ArchivePages.Older> older;
        try {
            older = ArchivePages.Older.parse(query.getValue("before"), query.getValue("id"));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the Javalin route answers 400 with the first page
        }
        return Optional.of(new Page<>(older.isEmpty() ? firstPages : olderPages, new ListKey(topic, older)));
    }

    /** A page on its shelf: served at once when rendered, else rendered first (empty: no such page). */
    record Page<K>(RenderCache.Shelf<K> shelf, K key) {
        Optional<Rendered> kept() {
            return shelf.kept(key);
        }

        Optional<Rendered> rendered() {
            return shelf.get(key);
        }
    }

    /** What follows {@code prefix} when it is one non-empty path segment, else null. */
    private static String lastSegment(String path, String prefix) {
        if (!path.startsWith(prefix) || path.length() == prefix.length() || path.indexOf('/', prefix.length()) >= 0) {
            return null;
        }
        return path.substring(prefix.length());
    }

    private static boolean isDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
