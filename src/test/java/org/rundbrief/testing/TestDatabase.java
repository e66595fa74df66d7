package org.rundbrief.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.rundbrief.config.Config;

/**
 * The database of a test. By default an H2 file in the test's folder. With {@code RB_TEST_POSTGRES_URL}
 * set (e.g. {@code jdbc:postgresql://127.0.0.1:55432/rundbrief_test?user=rundbrief}) each test
 * folder gets an empty schema of its own in that PostgreSQL database instead; the same folder
 * gets the same schema again, so a test that stops and restarts its installation finds its data.
 * {@code mvn verify} with the variable set runs the whole suite on H2 and then on PostgreSQL.
 */
public final class TestDatabase {
    public static final String ENV = "RB_TEST_POSTGRES_URL";
    private static final String SCHEMA_PREFIX = "rbt_";
    private static final Map<Path, String> SCHEMAS = new ConcurrentHashMap<>();
    private static final AtomicInteger SERIAL = new AtomicInteger();
    private static volatile boolean leftoversDropped;

    private TestDatabase() {}

    /** Whether this run's tests use PostgreSQL. */
    public static boolean postgres() {
        String url = System.getenv(ENV);
        return url != null && !url.isBlank();
    }

    /** The JDBC URL for the test working in {@code dir}: H2 in {@code dir/db}, or its own PostgreSQL schema. */
    public static String url(Path dir) {
        return postgres() ? postgresUrl(dir) : h2Url(dir);
    }

    /** H2 in {@code dir/db}, AUTO_SERVER off: one process per test database. */
    private static String h2Url(Path dir) {
        return h2File(dir) + ";AUTO_SERVER=FALSE";
    }

    private static String h2File(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath().toString().replace('\\', '/');
    }

    /** The {@code database:} settings for the test working in {@code dir} ({@link #url}, its user, no password). */
    public static Config.Database config(Path dir) {
        String url = url(dir);
        return new Config.Database(url, user(url), "");
    }

    /** The user for {@code url} in config: H2's default user, or none for PostgreSQL (the URL names it). */
    public static String user(String url) {
        return url.startsWith("jdbc:h2:") ? "sa" : null;
    }

    /**
     * {@code database: { url: ... }} for a config file, which other processes may open too: H2 there
     * in its default server mode. A PostgreSQL URL names its user.
     */
    public static String yaml(Path dir) {
        return "database: { url: \"" + (postgres() ? postgresUrl(dir) : h2File(dir)) + "\" }";
    }

    private static String postgresUrl(Path dir) {
        String base = System.getenv(ENV);
        String schema = SCHEMAS.computeIfAbsent(dir.toAbsolutePath(), d -> createSchema(base));
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static String createSchema(String base) {
        String schema = SCHEMA_PREFIX + ProcessHandle.current().pid() + "_" + SERIAL.incrementAndGet();
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            dropLeftovers(c);
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema in " + ENV + "=" + base + ": " + e.getMessage(), e);
        }
        return schema;
    }

    /** Schemas of earlier runs (their JVMs are gone) are dropped once per run. */
    private static synchronized void dropLeftovers(Connection c) throws SQLException {
        if (leftoversDropped) {
            return;
        }
        List<String> old = new ArrayList<>();
        try (Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE '" + SCHEMA_PREFIX + "%'")) {
            while (rs.next()) {
                old.add(rs.getString(1));
            }
        }
        String mine = SCHEMA_PREFIX + ProcessHandle.current().pid() + "_";
        for (String schema : old) {
            if (!schema.startsWith(mine)) {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
        leftoversDropped = true;
    }
}
