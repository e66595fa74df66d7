package org.rundbrief.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.rundbrief.config.Config;

/**
 * The connection pool plus schema migrations. H2 runs in AUTO_SERVER mode by default, so the
 * CLI can work on the same file database while {@code serve} is running.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static Database open(Config.Database config, int poolSize) {
        return open(config, poolSize, null);
    }

    /** With the pool's numbers (connections active, idle, pending, wait times) in {@code metrics}. */
    public static Database open(Config.Database config, int poolSize, MeterRegistry metrics) {
        HikariConfig hc = new HikariConfig();
        if (metrics != null) {
            hc.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
        hc.setJdbcUrl(withH2Options(config.url()));
        hc.setUsername(config.user());
        hc.setPassword(config.password());
        hc.setMaximumPoolSize(poolSize);
        // Connections are opened as they are needed (and closed after 10 idle minutes) instead of all
        // at start: a CLI command uses one or two, and each H2 session costs memory.
        hc.setMinimumIdle(1);
        hc.setPoolName("rundbrief-db");
        hc.setConnectionTimeout(15_000);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            Migrations.apply(ds);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds);
    }

    private static final String H2_FILE = "jdbc:h2:file:";

    /** H2 file databases are shared between processes (serve + CLI) via AUTO_SERVER and durable per commit. */
    static String withH2Options(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(url);
        if (url.startsWith(H2_FILE) && !url.startsWith(H2_FILE + "retry:")) {
            // Commits write to the file in the committing thread (WRITE_DELAY=0 below); a thread
            // interrupted meanwhile (a scheduler or pool shutting down) would close the file channel
            // and with it the whole database. H2's retry: file system reopens the channel instead.
            sb.insert(H2_FILE.length(), "retry:");
        }
        if (url.startsWith("jdbc:h2:file:") && !upper.contains("AUTO_SERVER")) {
            sb.append(";AUTO_SERVER=TRUE");
        }
        if (url.startsWith("jdbc:h2:file:") && !upper.contains("WRITE_DELAY")) {
            // H2 writes commits to the file up to 500 ms late by default: a killed process would lose
            // "sent" marks and re-send those messages. 0 hands every commit to the OS at once.
            sb.append(";WRITE_DELAY=0");
        }
        return sb.toString();
    }

    /**
     * Where an H2 file database lives ({@code jdbc:h2:file:./data/x} gives {@code ./data/x}), so
     * side files can sit beside it; empty for PostgreSQL and in-memory databases.
     */
    public static Optional<Path> h2FileBase(String url) {
        if (!url.startsWith(H2_FILE)) {
            return Optional.empty();
        }
        String path = url.substring(H2_FILE.length());
        path = path.startsWith("retry:") ? path.substring("retry:".length()) : path;
        int options = path.indexOf(';');
        path = options < 0 ? path : path.substring(0, options);
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Optional.of(Path.of(path));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Jdbc jdbc() {
        return new Jdbc(dataSource);
    }

    public boolean isPostgres() {
        return dataSource.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
