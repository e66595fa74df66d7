package org.rundbrief.feed;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.rundbrief.article.Article;
import org.rundbrief.config.Config;
import org.rundbrief.store.Database;
import org.rundbrief.store.Jdbc;

/**
 * A real H2 database in a temp dir with articles written by plain INSERTs into the V1 schema,
 * plus a {@link FeedArticles} over it. Shared by the feed and web tests.
 */
public final class FeedFixture implements AutoCloseable {
    public static final List<Config.Topic> TOPICS = List.of(
            new Config.Topic("verein", Map.of("de", "Vereinsleben", "en", "Club life")),
            new Config.Topic("termine", Map.of("de", "Termine", "en", "Dates")));
    public static final FeedSite SITE = new FeedSite("Rundbrief „Test“ – Verein", "https://news.example.org", "de",
            ZoneId.of("Europe/Berlin"), TOPICS);

    public final Database database;
    public final Jdbc jdbc;
    public final FeedArticles articles;
    private final AtomicInteger serial = new AtomicInteger();

    public FeedFixture(Path dir) {
        database = Database.open(new Config.Database("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=FALSE;NON_KEYWORDS=VALUE", "sa", ""), 4);
        jdbc = database.jdbc();
        articles = new StandIn();
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

    /** Stand-in for ArticleStore until it lands on main. */
    private final class StandIn implements FeedArticles {
        private static final String TOPIC = " AND EXISTS (SELECT 1 FROM article_topic t WHERE t.article_id = a.id AND t.topic = ?)";

        @Override
        public List<Article> recent(int limit, Optional<String> topic) {
            return query("SELECT * FROM article a WHERE 1 = 1", List.of(), topic, limit);
        }

        @Override
        public List<Article> page(Instant beforePublished, long beforeId, int limit, Optional<String> topic) {
            return query("SELECT * FROM article a WHERE (a.published_at < ? OR (a.published_at = ? AND a.id < ?))",
                    List.of(beforePublished, beforePublished, beforeId), topic, limit);
        }

        private List<Article> query(String where, List<Object> params, Optional<String> topic, int limit) {
            List<Object> all = new ArrayList<>(params);
            topic.ifPresent(all::add);
            all.add(limit);
            return jdbc.list(where + (topic.isPresent() ? TOPIC : "")
                    + " ORDER BY a.published_at DESC, a.id DESC FETCH FIRST ? ROWS ONLY", this::map, all.toArray());
        }

        @Override
        public Optional<Article> bySlug(String slug) {
            return jdbc.one("SELECT * FROM article a WHERE slug = ?", this::map, slug);
        }

        @Override
        public Version version() {
            return jdbc.one("SELECT COUNT(*) AS n, MAX(updated_at) AS last FROM article",
                    rs -> new Version(rs.getLong("n"), Jdbc.instant(rs, "last"))).orElseThrow();
        }

        private Article map(ResultSet rs) throws SQLException {
            long id = rs.getLong("id");
            List<String> topics = jdbc.list("SELECT topic FROM article_topic WHERE article_id = ? ORDER BY topic",
                    r -> r.getString(1), id);
            return new Article(id, rs.getString("source_key"), rs.getString("guid"), rs.getString("slug"),
                    rs.getString("title"), rs.getString("link"), rs.getString("author"), rs.getString("summary"),
                    rs.getString("content_html"), rs.getString("content_text"), rs.getString("image_url"),
                    rs.getString("language"), topics, Jdbc.instant(rs, "published_at"), Jdbc.instant(rs, "collected_at"),
                    Jdbc.instant(rs, "updated_at"));
        }
    }
}
