package org.rundbrief.article;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rundbrief.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects every configured source once. Each source is fetched, cleaned and stored in one
 * transaction of its own: a broken source is recorded as failed (with its reason, in the
 * {@code source} table and the report) and never stops the others, and never leaves half of its
 * items stored.
 */
public final class Collector {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    private final Config config;
    private final ArticleStore store;
    private final HttpFetcher fetcher;
    private final ContentCleaner cleaner;
    private final Path baseDir;

    public Collector(Config config, ArticleStore store, HttpFetcher fetcher, Clock clock, Path baseDir) {
        this.config = config;
        this.store = store;
        this.fetcher = fetcher;
        this.cleaner = new ContentCleaner(config, clock);
        this.baseDir = baseDir;
    }

    public CollectReport collectAll() {
        List<CollectReport.SourceResult> results = new ArrayList<>();
        for (Config.SourceConfig source : config.sources()) {
            long start = System.nanoTime();
            CollectReport.SourceResult result = collect(source);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (result.failed()) {
                LOG.warn("source {} failed after {} ms: {}", result.sourceKey(), millis, result.error());
            } else {
                LOG.info("{} ({} ms)", result.line(), millis);
            }
            results.add(result);
        }
        return new CollectReport(results);
    }

    private CollectReport.SourceResult collect(Config.SourceConfig source) {
        String key = source.key();
        try {
            ArticleSource.SourceBatch batch = open(source).fetch(store.sourceState(key));
            return store.inTransaction(() -> storeBatch(key, source, batch));
        } catch (CollectException e) {
            store.sourceFailed(key, e.getMessage());
            return new CollectReport.SourceResult(key, 0, 0, 0, List.of(), e.getMessage());
        } catch (RuntimeException e) {
            // A bug or a database problem: still only this source fails, with the cause in the log.
            LOG.error("source {} failed unexpectedly", key, e);
            String reason = "internal error: " + e;
            store.sourceFailed(key, reason);
            return new CollectReport.SourceResult(key, 0, 0, 0, List.of(), reason);
        }
    }

    /**
     * Cleans (in parallel: jsoup work dominates) and stores the items of one fetch; later
     * duplicates of a guid within the batch are skipped with a reason.
     */
    CollectReport.SourceResult storeBatch(String key, Config.SourceConfig source, ArticleSource.SourceBatch batch) {
        List<Cleaned> cleaned = batch.items().parallelStream().map(item -> {
            try {
                return new Cleaned(cleaner.clean(item, source.topicsOrEmpty(), source.language()), null);
            } catch (IllegalArgumentException e) {
                return new Cleaned(null, e.getMessage());
            }
        }).toList();
        List<String> skipped = new ArrayList<>(batch.problems());
        List<ArticleDraft> drafts = new ArrayList<>(cleaned.size());
        Set<String> seen = new HashSet<>();
        for (Cleaned c : cleaned) {
            if (c.draft() == null) {
                skipped.add(c.problem());
            } else if (!seen.add(c.draft().guid())) {
                skipped.add("duplicate guid '" + c.draft().guid() + "' (kept the first)");
            } else {
                drafts.add(c.draft());
            }
        }
        int[] counts = new int[Upsert.values().length];
        for (Upsert u : store.upsertAll(key, drafts)) {
            counts[u.ordinal()]++;
        }
        int items = batch.notModified() ? store.sourceStatus(key).map(ArticleStore.SourceStatus::itemCount).orElse(0)
                : drafts.size();
        store.sourceSucceeded(key, batch.state(), items);
        if (batch.notModified()) {
            counts[Upsert.UNCHANGED.ordinal()] = items;
        }
        return new CollectReport.SourceResult(key, counts[Upsert.NEW.ordinal()], counts[Upsert.UPDATED.ordinal()],
                counts[Upsert.UNCHANGED.ordinal()], List.copyOf(skipped), null);
    }

    private record Cleaned(ArticleDraft draft, String problem) {}

    private ArticleSource open(Config.SourceConfig source) throws CollectException {
        return switch (source.type()) {
            case "feed" -> new FeedSource(URI.create(source.url()), fetcher);
            case "html" -> new HtmlSource(source, fetcher, config.site().zone());
            case "directory" -> new DirectorySource(baseDir.resolve(source.path()), config.site().zone(),
                    config.site().base() + "/", config.collect().maxBytes());
            default -> throw new CollectException("source type '" + source.type() + "' is not supported yet");
        };
    }

    /** Stores one manual article (source key {@value #MANUAL}) from a Markdown/HTML file with front matter. */
    public Upsert addManual(Path file) throws CollectException {
        String guid = file.getFileName().toString();
        CollectedItem item = ArticleFile.read(file, guid, config.site().zone(), config.site().base() + "/",
                config.collect().maxBytes());
        ArticleDraft draft = cleaner.clean(item, List.of(), null);
        return store.upsert(MANUAL, draft);
    }

    public static final String MANUAL = "manual";
}
