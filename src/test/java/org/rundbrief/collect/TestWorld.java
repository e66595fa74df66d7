package org.rundbrief.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.config.Config;
import org.rundbrief.config.ConfigLoader;
import org.rundbrief.store.Database;
import org.rundbrief.testing.MutableClock;

/** A real H2 database in a temp dir, a config from YAML, a clock tests move, and the article services. */
public final class TestWorld implements AutoCloseable {
    final Path dir;
    public final Config config;
    public final Database database;
    public final MutableClock clock = new MutableClock(Instant.parse("2026-04-15T10:00:00Z"));
    public final ArticleStore store;
    public final Collector collector;

    private TestWorld(Path dir, Config config) {
        this.dir = dir;
        this.config = config;
        this.database = Database.open(config.database(), 4);
        this.store = new ArticleStore(database.jdbc(), clock);
        this.collector = new Collector(config, store, new HttpFetcher(config.collect(), "rundbrief/test (+http://localhost)"),
                clock, dir);
    }

    /** {@code extraYaml} is appended to a config with the test database of {@code dir} and loopback allowed. */
    public static TestWorld create(Path dir, String extraYaml) {
        try {
            Path file = dir.resolve("rundbrief.yml");
            Files.writeString(file, org.rundbrief.testing.TestDatabase.yaml(dir) + "\nsite: { baseUrl: \"https://news.example.org\" }\n"
                    + extraYaml, StandardCharsets.UTF_8);
            return new TestWorld(dir, ConfigLoader.load(file, true, Map.of()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String collect(int timeoutSeconds, long maxBytes) {
        return "collect: { timeoutSeconds: " + timeoutSeconds + ", maxBytes: " + maxBytes + ", allowPrivateNetworks: true }\n";
    }

    public static String sources(String... lines) {
        StringBuilder sb = new StringBuilder("sources:\n");
        for (String line : lines) {
            sb.append("  - ").append(line).append('\n');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        database.close();
    }
}
