package org.rundbrief.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.rundbrief.article.Article;
import org.rundbrief.cache.RenderCache;
import org.rundbrief.cache.Rendered;

/**
 * The feeds' entry point: which documents exist, what they hold, and their cached bytes.
 *
 * <p>RFC 5005 archives are calendar months in the site's zone ({@code /archive/2026-05/feed.atom}),
 * so an archive document keeps its URL and content as new articles arrive (a month only changes
 * while it is the current one, or when an article is edited). The subscription document holds
 * the newest {@code itemCount} articles and points ({@code prev-archive}) at the month of its
 * oldest one; each month points at the next older month that has articles. Walking from the
 * subscription document therefore meets every article, and every article lies in exactly one
 * month. Subscription and the first archive overlap; RFC 5005 4.2 has readers merge by id.
 */
public final class FeedService implements AutoCloseable {
    /**
     * Articles read per keyset query while building a monthly archive document (which holds all of
     * the month's articles). The subscription document's size is {@code itemCount} ({@code feed.items}).
     */
    private static final int PAGE = 200;
    /** Archive documents kept at once: crawlers can ask for every month by the thousand. */
    static final int MAX_ARCHIVES = 256;

    private final FeedArticles articles;
    private final FeedSite site;
    private final Clock clock;
    private final int itemCount;
    private final RenderCache cache;
    private final boolean ownCache;
    private final RenderCache.Shelf<FeedView> current;
    private final RenderCache.Shelf<FeedView> archives;

    /** With a cache of its own that polls the article version every {@code pollEvery}. */
    public FeedService(FeedArticles articles, FeedSite site, Clock clock, int itemCount, Duration pollEvery) {
        this(articles, site, clock, itemCount, new RenderCache(articles::version, pollEvery), true);
    }

    /** On {@code cache}, shared with other rendered documents (the public pages) and closed by its owner. */
    public FeedService(FeedArticles articles, FeedSite site, Clock clock, int itemCount, RenderCache cache) {
        this(articles, site, clock, itemCount, cache, false);
    }

    private FeedService(FeedArticles articles, FeedSite site, Clock clock, int itemCount, RenderCache cache,
                        boolean ownCache) {
        if (itemCount < 1) {
            throw new IllegalArgumentException("feed item count must be at least 1, was " + itemCount);
        }
        this.articles = articles;
        this.site = site;
        this.clock = clock;
        this.itemCount = itemCount;
        this.cache = cache;
        this.ownCache = ownCache;
        // Subscription documents (a handful per topic) are kept unbounded, archives in a bounded shelf.
        this.current = cache.shelf(view -> Optional.of(renderNow(view)), Integer.MAX_VALUE);
        this.archives = cache.shelf(view -> Optional.of(renderNow(view)), MAX_ARCHIVES);
    }

    public FeedSite site() {
        return site;
    }

    /**
     * The cached variant, rendered on first use; empty when no such feed exists (unknown topic,
     * a month in the future). Never queries the database when the variant is cached.
     */
    public Optional<Rendered> feed(FeedView view) {
        if (!exists(view)) {
            return Optional.empty();
        }
        return (view.archive().isPresent() ? archives : current).get(view);
    }

    /** The variant if it is rendered already (never waits for the database); empty otherwise. */
    public Optional<Rendered> keptFeed(FeedView view) {
        return exists(view) ? (view.archive().isPresent() ? archives : current).kept(view) : Optional.empty();
    }

    /** Renders without the cache (the {@code feed} command); unknown topic or month: an error naming it. */
    public byte[] render(FeedView view) {
        view.topic().filter(t -> site.topic(t).isEmpty()).ifPresent(t -> {
            throw new IllegalArgumentException("unknown topic '" + t + "' (configured: " + topicIds() + ")");
        });
        if (!exists(view)) {
            throw new IllegalArgumentException("no archive for " + view.archive().orElseThrow() + " yet");
        }
        return renderNow(view).body();
    }

    /** From now on, {@code listener} hears of every change to the articles (within the poll interval). */
    public void watch(Runnable listener) {
        // The cache may be shared with pages that also change with editions: tell only of article changes.
        AtomicReference<FeedArticles.Version> last = new AtomicReference<>(articles.version());
        cache.watch(() -> {
            FeedArticles.Version now = articles.version();
            if (!now.equals(last.getAndSet(now))) {
                listener.run();
            }
        });
    }

    /** Checks the article version now instead of waiting for the next poll (tests, admin actions). */
    public boolean refresh() {
        return cache.refresh();
    }

    boolean exists(FeedView view) {
        if (view.topic().isPresent() && site.topic(view.topic().get()).isEmpty()) {
            return false;
        }
        return view.archive().map(m -> !m.isAfter(thisMonth())).orElse(true);
    }

    private Rendered renderNow(FeedView view) {
        FeedDocument doc = view.archive().map(m -> archive(view, m)).orElseGet(() -> subscription(view));
        // A finished month no longer changes (unless an article in it is edited): let caches keep it a day.
        boolean settled = view.archive().map(m -> m.isBefore(thisMonth())).orElse(false);
        return Rendered.of(view.format().contentType(), FeedRenderer.render(doc), doc.updated(),
                settled ? "public, max-age=86400" : "public, max-age=300");
    }

    private FeedDocument subscription(FeedView view) {
        List<Article> items = articles.recent(itemCount, view.topic());
        // Fewer than a full window means the window holds everything: no archive to point at.
        Optional<YearMonth> prev = items.size() < itemCount
                ? Optional.empty()
                : Optional.of(monthOf(items.get(items.size() - 1)));
        return document(view, title(view), items, prev, Optional.empty());
    }

    private FeedDocument archive(FeedView view, YearMonth month) {
        Instant start = month.atDay(1).atStartOfDay(site.zone()).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(site.zone()).toInstant();
        List<Article> items = new ArrayList<>();
        // Keyset pages backwards from the month's end; id 0 = "strictly before end" (ids start at 1).
        Instant beforePublished = end;
        long beforeId = 0;
        while (true) {
            List<Article> page = articles.page(beforePublished, beforeId, PAGE, view.topic());
            page.stream().filter(a -> !a.publishedAt().isBefore(start)).forEach(items::add);
            if (page.size() < PAGE || page.get(page.size() - 1).publishedAt().isBefore(start)) {
                break;
            }
            Article last = page.get(page.size() - 1);
            beforePublished = last.publishedAt();
            beforeId = last.id();
        }
        Optional<YearMonth> prev = articles.page(start, 0, 1, view.topic()).stream().findFirst().map(this::monthOf);
        Optional<YearMonth> next = Optional.of(month.plusMonths(1)).filter(m -> !m.isAfter(thisMonth()));
        String title = title(view) + " – " + month;
        return document(view, title, items, prev, next);
    }

    private FeedDocument document(FeedView view, String title, List<Article> items, Optional<YearMonth> prev,
                                  Optional<YearMonth> next) {
        Instant updated = items.stream().map(Article::updatedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        return new FeedDocument(site, view, title, title, items, updated, prev, next);
    }

    private String title(FeedView view) {
        return view.topic()
                .map(t -> site.title() + ": " + site.topic(t).map(x -> x.label(site.language())).orElse(t))
                .orElse(site.title());
    }

    private YearMonth monthOf(Article a) {
        return YearMonth.from(a.publishedAt().atZone(site.zone()));
    }

    private YearMonth thisMonth() {
        return YearMonth.now(clock.withZone(site.zone()));
    }

    private String topicIds() {
        return String.join(", ", site.topics().stream().map(t -> t.id()).toList());
    }

    @Override
    public void close() {
        if (ownCache) {
            cache.close();
        }
    }
}
