package org.rundbrief.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.rundbrief.store.OutageLog;
import org.rundbrief.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rendered feeds and pages kept in memory until the site's version changes. A background thread
 * asks for the version every {@code pollEvery} (the database is shared, so a change made by
 * another node or a CLI process is seen too); a request never waits for the database unless its
 * variant is not rendered yet. Every {@link Shelf} of one cache is dropped at the same moment, so
 * a page and the feed that show the same article change together.
 */
public final class RenderCache implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RenderCache.class);

    private final Supplier<?> version;
    private final Duration pollEvery;
    private final List<Shelf<?>> shelves = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile long generation;
    private Object seen;
    private ScheduledExecutorService poller;
    private volatile boolean polling;
    /** Written by the poller's thread only. */
    private final OutageLog outage = new OutageLog("reading the site's version for the render cache", log);

    /** @param version cheap to ask; equal values mean nothing changed (a record of counts and times) */
    public RenderCache(Supplier<?> version, Duration pollEvery) {
        this.version = version;
        this.pollEvery = pollEvery;
    }

    /**
     * A set of variants rendered by {@code renderer} (empty: no such document; not kept, asked
     * again next time). At most {@code maxEntries} are kept, the rarely asked ones evicted first:
     * crawlers can make up keys by the thousand (archive months, article slugs) without pushing out
     * the pages readers ask for.
     */
    public <K> Shelf<K> shelf(Function<K, Optional<Rendered>> renderer, int maxEntries) {
        Shelf<K> shelf = new Shelf<>(renderer, maxEntries);
        shelves.add(shelf);
        return shelf;
    }

    /** Variants of one kind of document, keyed by what chooses them. */
    public final class Shelf<K> {
        private final Function<K, Optional<Rendered>> renderer;
        private final Cache<K, Rendered> cache;
        private final Map<K, Rendered> map;

        private Shelf(Function<K, Optional<Rendered>> renderer, int maxEntries) {
            this.renderer = renderer;
            // Upkeep (counting reads, evicting) on the calling thread rather than a pool: a shelf
            // evicts only when a render adds a variant, and which variant goes must not depend on
            // when a busy pool gets round to counting the reads before it.
            this.cache = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
            this.map = cache.asMap();
        }

        /** How many variants are kept now (at most the shelf's size). */
        long kept() {
            cache.cleanUp();
            return cache.estimatedSize();
        }

        /** The variant if it is rendered already: never renders, never waits for the database. */
        public Optional<Rendered> kept(K key) {
            startPolling();
            return Optional.ofNullable(map.get(key));
        }

        public Optional<Rendered> get(K key) {
            startPolling();
            Rendered hit = map.get(key);
            if (hit != null) {
                return Optional.of(hit);
            }
            long before = generation;
            Optional<Rendered> fresh = renderer.apply(key);
            if (fresh.isEmpty()) {
                return fresh;
            }
            map.put(key, fresh.get());
            // The site changed while we rendered: our bytes may predate the change, so do not keep them.
            if (generation != before) {
                map.remove(key, fresh.get());
            }
            return fresh;
        }

        private void clear() {
            map.clear();
        }
    }

    /** Asks for the version once; drops every rendered variant when it moved. */
    public boolean refresh() {
        boolean changedSinceFirstLook;
        synchronized (this) {
            Object now = version.get();
            if (Objects.equals(now, seen)) {
                return false;
            }
            changedSinceFirstLook = seen != null;
            seen = now;
            generation++;
            shelves.forEach(Shelf::clear);
        }
        if (changedSinceFirstLook) {
            listeners.forEach(Runnable::run);
        }
        return true;
    }

    /** Polls from now on (not only once something was asked for) and calls {@code listener} on every change. */
    public void watch(Runnable listener) {
        listeners.add(listener);
        startPolling();
    }

    private void startPolling() {
        if (!polling) { // read on every request: no lock once polling runs
            startPollingOnce();
        }
    }

    private synchronized void startPollingOnce() {
        if (poller != null) {
            return;
        }
        refresh();
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "render-cache-poll");
            t.setDaemon(true);
            return t;
        });
        long ms = pollEvery.toMillis();
        poller.scheduleWithFixedDelay(this::pollQuietly, ms, ms, TimeUnit.MILLISECONDS);
        polling = true;
    }

    private void pollQuietly() {
        try {
            refresh();
            outage.worked();
        } catch (RuntimeException e) {
            // A database hiccup must not stop invalidation for good; the next poll tries again.
            if (!(e instanceof StoreException store && outage.failed(store))) {
                log.warn("render cache: cannot read the site's version: {}", e.getMessage());
            }
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
