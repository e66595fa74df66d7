package org.rundbrief.feed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rendered feed variants kept in memory until the article store's version changes. A background
 * thread asks for the version every {@code pollEvery}; a request never waits for the database
 * unless its variant is not rendered yet. Subscription documents (a handful per topic) are kept
 * unbounded; archive documents, which crawlers can ask for by the thousand, in a bounded map.
 */
public final class FeedCache implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FeedCache.class);
    static final int MAX_ARCHIVES = 256;

    private final Function<FeedView, RenderedFeed> renderer;
    private final Supplier<FeedArticles.Version> version;
    private final Duration pollEvery;
    private final Map<FeedView, RenderedFeed> current = new ConcurrentHashMap<>();
    /** Bounded: a crawler walking every month evicts rarely asked months, not the ones readers poll. */
    private final Cache<FeedView, RenderedFeed> archiveCache = Caffeine.newBuilder().maximumSize(MAX_ARCHIVES).build();
    private final Map<FeedView, RenderedFeed> archives = archiveCache.asMap();
    private volatile long generation;
    private FeedArticles.Version seen;
    private ScheduledExecutorService poller;
    private volatile Runnable onChange = () -> {};

    FeedCache(Function<FeedView, RenderedFeed> renderer, Supplier<FeedArticles.Version> version, Duration pollEvery) {
        this.renderer = renderer;
        this.version = version;
        this.pollEvery = pollEvery;
    }

    RenderedFeed get(FeedView view) {
        startPolling();
        Map<FeedView, RenderedFeed> map = view.archive().isPresent() ? archives : current;
        RenderedFeed hit = map.get(view);
        if (hit != null) {
            return hit;
        }
        long before = generation;
        RenderedFeed fresh = renderer.apply(view);
        map.put(view, fresh);
        // Articles changed while we rendered: our bytes may predate the change, so do not keep them.
        if (generation != before) {
            map.remove(view, fresh);
        }
        return fresh;
    }

    /** Asks for the store's version once; drops every rendered variant when it moved. */
    public boolean refresh() {
        boolean changedSinceFirstLook;
        synchronized (this) {
            FeedArticles.Version now = version.get();
            if (now.equals(seen)) {
                return false;
            }
            changedSinceFirstLook = seen != null;
            seen = now;
            generation++;
            current.clear();
            archives.clear();
        }
        if (changedSinceFirstLook) {
            onChange.run();
        }
        return true;
    }

    /** How many archive documents are kept (at most {@value #MAX_ARCHIVES}). */
    long archivesKept() {
        archiveCache.cleanUp();
        return archiveCache.estimatedSize();
    }

    /** Polls from now on (not only once a feed was asked for) and calls {@code listener} on every change. */
    void watch(Runnable listener) {
        onChange = listener;
        startPolling();
    }

    private synchronized void startPolling() {
        if (poller != null) {
            return;
        }
        refresh();
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "feed-cache-poll");
            t.setDaemon(true);
            return t;
        });
        long ms = pollEvery.toMillis();
        poller.scheduleWithFixedDelay(this::pollQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // A database hiccup must not stop invalidation for good; the next poll tries again.
            log.warn("feed cache: cannot read the article version: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
