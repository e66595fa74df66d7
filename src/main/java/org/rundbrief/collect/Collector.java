package org.rundbrief.collect;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.rundbrief.article.ArticleDraft;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.article.SourceNote;
import org.rundbrief.article.Upsert;
import org.rundbrief.config.Config;
import org.rundbrief.store.StoreException;
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
    /** Source key of articles added by hand ({@code articles add}). */
    public static final String MANUAL = "manual";

    private final Config config;
    private final ArticleStore store;
    private final HttpFetcher fetcher;
    private final ContentCleaner cleaner;
    private final Path baseDir;
    private final ExecutorService cleaners = cleanerPool();
    private volatile boolean stopping;

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
            if (stopping) {
                return new CollectReport(results, config.sources().size() - results.size());
            }
            long start = System.nanoTime();
            CollectReport.SourceResult result = collect(source);
            long millis = (System.nanoTime() - start) / 1_000_000;
            // At debug: the caller shows the report (the CLI prints it, the scheduler logs it), once.
            LOG.debug("{} ({} ms)", result.line(), millis);
            results.add(result);
        }
        return new CollectReport(results, 0);
    }

    /**
     * Ends a running (and every later) {@link #collectAll()} after the source in hand: a stop
     * (Ctrl-C, SIGTERM) waits for one source's fetch and transaction, not for all of them. The
     * sources left out are counted in the report and collected by the next run.
     */
    public void stop() {
        stopping = true;
    }

    private CollectReport.SourceResult collect(Config.SourceConfig source) {
        String key = source.key();
        try {
            ArticleSource.SourceBatch batch = open(source).fetch(store.sourceState(key));
            return store.inTransaction(() -> storeBatch(key, source, batch));
        } catch (CollectException e) {
            return failed(key, e.note());
        } catch (SourceBroke e) {
            return failed(key, e.reason.note());
        } catch (RuntimeException e) {
            if (e instanceof StoreException store && store.connectionLost()) {
                // The database is away: no source can be stored (nor its failure), so the run ends
                // here, and the next run collects this source and the rest.
                throw e;
            }
            // A bug or a statement the database refused: still only this source fails, with the cause in the log.
            LOG.error("source {} failed unexpectedly", key, e);
            return failed(key, SourceNote.of("internal", "internal error: {detail}", "detail", e));
        }
    }

    private CollectReport.SourceResult failed(String key, SourceNote reason) {
        store.sourceFailed(key, reason);
        return new CollectReport.SourceResult(key, 0, 0, 0, List.of(), reason.text());
    }

    /** A source found broken while its items were being stored: the transaction rolls back. */
    private static final class SourceBroke extends RuntimeException {
        final transient CollectException reason;

        SourceBroke(CollectException e) {
            super(e.getMessage(), e);
            this.reason = e;
        }
    }

    /**
     * Cleans and stores the items of one fetch, in feed order, as the source delivers them.
     * Cleaning (jsoup parsing dominates) runs on {@link #cleaners}, a few chunks ahead of the
     * storing thread, so reading, sanitizing and the inserts proceed at the same time; at most
     * {@link #AHEAD} cleaned chunks wait, so neither items nor cleaned copies pile up in memory.
     * Later duplicates of a guid within the batch are skipped with a reason.
     */
    private CollectReport.SourceResult storeBatch(String key, Config.SourceConfig source, ArticleSource.SourceBatch batch) {
        // A feed item or html article without a readable date may be old news; a file in a folder is dated when collected.
        Storing storing = new Storing(key, store.writer(key, !"directory".equals(source.type())), source);
        try {
            batch.items().deliver(storing);
            storing.finish();
        } catch (CollectException e) {
            throw new SourceBroke(e);
        } finally {
            storing.cancelRest();
        }
        int stored = batch.notModified() ? store.sourceStatus(key).map(ArticleStore.SourceStatus::itemCount).orElse(0)
                : storing.seen.size();
        store.sourceSucceeded(key, batch.state(), stored, storing.warnings);
        int[] counts = storing.counts;
        if (batch.notModified()) {
            counts[Upsert.UNCHANGED.ordinal()] = stored;
        }
        return new CollectReport.SourceResult(key, counts[Upsert.NEW.ordinal()], counts[Upsert.UPDATED.ordinal()],
                counts[Upsert.UNCHANGED.ordinal()], List.copyOf(storing.skipped), null,
                storing.warnings.stream().map(SourceNote::text).toList());
    }

    /** Cleaned chunks allowed to wait for the storing thread. */
    private static final int AHEAD = 4;
    private static final int CLEANERS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    /** Threads that clean chunks; they end after a while without work (a collect CLI run exits at once anyway). */
    private static ExecutorService cleanerPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(CLEANERS, CLEANERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread t = new Thread(task, "rundbrief-clean");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The sink of one source's fetch: chunks go to the cleaners, cleaned chunks to the writer in order. */
    private final class Storing implements ArticleSource.ItemSink {
        final List<String> skipped = new ArrayList<>();
        final int[] counts = new int[Upsert.values().length];
        final Set<String> seen = new HashSet<>();
        final List<SourceNote> warnings = new ArrayList<>();
        private int unknownTopicArticles;
        private final String key;
        private final ArticleStore.SourceWriter writer;
        private final Config.SourceConfig source;
        private final Deque<Future<List<Cleaned>>> ahead = new ArrayDeque<>();
        private final Map<String, ArticleStore.SourceState> pages = new HashMap<>();

        Storing(String key, ArticleStore.SourceWriter writer, Config.SourceConfig source) {
            this.key = key;
            this.writer = writer;
            this.source = source;
        }

        @Override
        public void items(List<CollectedItem> chunk) {
            ahead.add(cleaners.submit(() -> chunk.stream().map(item -> clean(item, source)).toList()));
            while (ahead.size() > AHEAD) {
                store(ahead.poll());
            }
        }

        @Override
        public void skipped(String problem) {
            skipped.add(problem);
        }

        @Override
        public void warning(SourceNote warning) {
            warnings.add(warning);
        }

        @Override
        public void unchanged(String guid) {
            if (seen.add(guid)) {
                counts[Upsert.UNCHANGED.ordinal()]++;
            }
        }

        @Override
        public void pageValidators(String guid, ArticleStore.SourceState validators) {
            pages.put(guid, validators);
        }

        void finish() {
            while (!ahead.isEmpty()) {
                store(ahead.poll());
            }
            writer.flush();
            moreUnknownTopics();
            // Only for articles that are stored: a skipped item's page must be fetched whole next time.
            pages.forEach((guid, validators) -> {
                if (seen.contains(guid)) {
                    store.pageFetched(key, guid, validators);
                }
            });
        }

        /** After a failure: chunks still being cleaned are not wanted. */
        void cancelRest() {
            ahead.forEach(chunk -> chunk.cancel(true));
        }

        private void store(Future<List<Cleaned>> chunk) {
            for (Cleaned c : result(chunk)) {
                if (c.draft() == null) {
                    skipped.add(c.problem());
                } else if (!seen.add(c.draft().guid())) {
                    skipped.add("duplicate guid '" + c.draft().guid() + "' (kept the first)");
                } else {
                    counts[writer.upsert(c.draft()).ordinal()]++;
                    unknownTopics(c);
                }
            }
        }

        /** Warns about an article naming topics the config does not know (stored without them). */
        private void unknownTopics(Cleaned c) {
            if (c.unknownTopics().isEmpty()) {
                return;
            }
            if (++unknownTopicArticles <= UNKNOWN_TOPIC_WARNINGS) {
                List<String> unknown = c.unknownTopics();
                String kind = (unknown.size() == 1 ? "unknownTopic" : "unknownTopics") + (config.topics().isEmpty() ? "NoneConfigured" : "");
                warnings.add(new SourceNote(kind, Map.of("title", c.draft().title(), "guid", c.draft().guid(),
                        "topics", String.join(", ", unknown), "configured", String.join(", ", topicIds())),
                        "article '" + c.draft().title() + "' (" + c.draft().guid() + ") names " + notConfigured(unknown)
                        + "; stored without " + (unknown.size() == 1 ? "it" : "them")
                        + ": add it to topics in the config or correct the article"));
            }
        }

        /** The count of articles with unknown topics beyond those warned about one by one. */
        private void moreUnknownTopics() {
            if (unknownTopicArticles > UNKNOWN_TOPIC_WARNINGS) {
                warnings.add(SourceNote.of("moreUnknownTopics", "{count} more articles name topics that are not configured",
                        "count", unknownTopicArticles - UNKNOWN_TOPIC_WARNINGS));
            }
        }
    }

    /** The cleaned chunk, with a cleaner's unexpected failure rethrown on the storing thread. */
    private static List<Cleaned> result(Future<List<Cleaned>> chunk) {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while cleaning", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private Cleaned clean(CollectedItem item, Config.SourceConfig source) {
        try {
            // A file's front-matter topics are meant to name configured topics; a feed's categories
            // are the upstream site's own (only those naming a topic count), so they warn about nothing.
            return new Cleaned(cleaner.clean(item, source.topicsOrEmpty(), source.language()), null,
                    "directory".equals(source.type()) ? cleaner.unknownTopics(item) : List.of());
        } catch (IllegalArgumentException e) {
            return new Cleaned(null, e.getMessage(), List.of());
        }
    }

    /** A cleaned item, or why it cannot be stored; {@code unknownTopics}: front-matter topics that name no configured topic. */
    private record Cleaned(ArticleDraft draft, String problem, List<String> unknownTopics) {}

    /** "topic 'sport', which is not in the config (configured: verein, termine)". */
    private String notConfigured(List<String> unknown) {
        return (unknown.size() == 1 ? "topic " : "topics ") + unknown.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "))
                + ", which " + (unknown.size() == 1 ? "is" : "are") + " not in the config (" + configuredTopics() + ")";
    }

    private String configuredTopics() {
        return config.topics().isEmpty() ? "none is configured" : "configured: " + String.join(", ", topicIds());
    }

    private List<String> topicIds() {
        return config.topics().stream().map(Config.Topic::id).toList();
    }

    /** Articles naming an unknown topic that are warned about one by one; the rest are counted. */
    private static final int UNKNOWN_TOPIC_WARNINGS = 5;

    private ArticleSource open(Config.SourceConfig source) throws CollectException {
        return switch (source.type()) {
            case "feed" -> new FeedSource(URI.create(source.url()), fetcher);
            case "html" -> new HtmlSource(source, fetcher, config.site().zone(), store.pageValidators(source.key()));
            case "directory" -> new DirectorySource(baseDir.resolve(source.path()), config.site().zone(),
                    config.site().base() + "/", config.collect().maxBytes());
            default -> throw new CollectException(SourceNote.of("unsupportedType", "source type '{type}' is not supported yet",
                    "type", source.type()));
        };
    }

    /**
     * Stores one manual article (source key {@value #MANUAL}) from a Markdown/HTML file with front
     * matter. A topic the config does not know is refused (IllegalArgumentException), storing nothing:
     * the person adding the file is there to correct it.
     */
    public Upsert addManual(Path file) throws CollectException {
        String guid = file.getFileName().toString();
        CollectedItem item = ArticleFile.read(file, guid, config.site().zone(), config.site().base() + "/",
                config.collect().maxBytes());
        List<String> unknown = cleaner.unknownTopics(item);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(guid + " names " + notConfigured(unknown)
                    + ": correct the file or add the topic to the config; nothing was stored");
        }
        return addManual(item, List.of());
    }

    /**
     * Stores a post written by hand (the admin API or pages; {@code articles add} above), cleaned
     * exactly like a collected item; the same guid again updates it.
     */
    public Upsert addManual(CollectedItem item, List<String> topics) {
        return store.upsert(MANUAL, preview(item, topics));
    }

    /** A post written by hand as {@link #addManual(CollectedItem, List)} would store it, without storing it. */
    public ArticleDraft preview(CollectedItem item, List<String> topics) {
        return cleaner.clean(item, topics, null);
    }
}
