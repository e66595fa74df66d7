package org.rundbrief;

import java.nio.file.Path;
import java.time.Clock;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.article.Collector;
import org.rundbrief.article.HttpFetcher;
import org.rundbrief.config.Config;
import org.rundbrief.store.Database;
import org.rundbrief.template.Templates;

/**
 * The composition root: builds every part with constructors, in data-flow order, and closes them
 * in reverse. Commands ask it for what they need; nothing else creates services.
 */
public final class App implements AutoCloseable {
    public final Config config;
    public final Clock clock;
    public final Database database;
    public final Templates templates;
    // --- article ---
    public final ArticleStore articles;
    public final Collector collector;
    // --- end article ---

    public App(Config config, Path baseDir, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.database = Database.open(config.database(), Math.max(4, config.smtp().connections() + 4));
        this.templates = new Templates(baseDir.resolve("templates"));
        // --- article ---
        this.articles = new ArticleStore(database.jdbc(), clock);
        this.collector = new Collector(config, articles, new HttpFetcher(config.collect(),
                "rundbrief/" + Main.version() + " (+" + config.site().base() + ")"), clock, baseDir);
        // --- end article ---
    }

    @Override
    public void close() {
        database.close();
    }
}
