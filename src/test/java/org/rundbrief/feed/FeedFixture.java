package org.rundbrief.feed;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.rundbrief.article.Article;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.config.Config;
import org.rundbrief.store.Database;
import org.rundbrief.store.Jdbc;
import org.rundbrief.testing.TestDatabase;

/**
 * A real H2 database in a temp dir with articles written by plain INSERTs into the V1 schema,
 * read back through the real {@link ArticleStore}. Shared by the feed and web tests.
 */
public final class FeedFixture implements AutoCloseable {
    public static final List<Config.Topic> TOPICS = List.of(
            new Config.Topic("verein", Map.of("de", "Vereinsleben", "en", "Club life")),
            new Config.Topic("termine", Map.of("de", "Termine", "en", "Dates")));
    public static final FeedSite SITE = new FeedSite("Rundbrief „Test“ – Verein", "https://news.example.org", "de",
            ZoneId.of("Europe/Berlin"), TOPICS, java.util.Optional.empty());

    public final Database database;
    public final Jdbc jdbc;
    public final FeedArticles articles;
    private final AtomicInteger serial = new AtomicInteger();

    public FeedFixture(Path dir) {
        database = Database.open(new Config.Database(TestDatabase.url(dir), TestDatabase.user(TestDatabase.url(dir)), ""), 4);
        jdbc = database.jdbc();
        articles = FeedArticles.from(new ArticleStore(jdbc, Clock.systemUTC()));
    }

    /** Inserts an article published at {@code published}; title/body derived from {@code title}. */
    public Article add(String title, Instant published, String... topics) {
        int n = serial.incrementAndGet();
        return add(title, "<p>" + title.replace("&", "&amp;").replace("<", "&lt;") + " – Inhalt</p>",
                "Zusammenfassung " + n, published, topics);
    }

    public Article add(String title, String contentHtml, String summary, Instant published, String... topics) {
        int n = serial.incrementAndGet();
        String slug = "artikel-" + n;
        long id = jdbc.insert("""
                INSERT INTO article (source_key, guid, slug, title, link, author, summary, content_html, content_text,
                  image_url, language, content_hash, published_at, collected_at, updated_at)
                VALUES ('test', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'de', 'h', ?, ?, ?)""",
                "guid-" + n, slug, title, "https://verein.example.org/news/" + n, "Jörg Müßig", summary, contentHtml,
                title, "https://verein.example.org/img/" + n + ".png", published, published, published);
        for (String topic : topics) {
            jdbc.update("INSERT INTO article_topic (article_id, topic) VALUES (?, ?)", id, topic);
        }
        return articles.bySlug(slug).orElseThrow();
    }

    /** An upstream edit: new title, updated_at moves. */
    public void retitle(Article a, String title, Instant at) {
        jdbc.update("UPDATE article SET title = ?, updated_at = ? WHERE id = ?", title, at, a.id());
    }

    @Override
    public void close() {
        database.close();
    }
}
