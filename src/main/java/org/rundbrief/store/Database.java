package org.rundbrief.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.rundbrief.config.Config;

/**
 * The connection pool plus schema migrations. H2 runs in AUTO_SERVER mode by default, so the
 * CLI can work on the same file database while {@code serve} is running.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    /** What everything but this class asks for connections: the pool, told at once while the database is away. */
    private final ConnectionGate gate;
    private volatile boolean compactOnClose;
    /** The database's time, once {@link #time} made it; null before and on H2. */
    private volatile DatabaseClock databaseClock;
    /** H2's error code for "Database is already closed". */
    private static final int DATABASE_CLOSED = 90121;
    /** H2's error code for "Database may be already in use": another process holds the file alone. */
    private static final int DATABASE_ALREADY_OPEN = 90020;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.gate = new ConnectionGate(dataSource);
    }

    public static Database open(Config.Database config, int poolSize) {
        return open(config, poolSize, true);
    }

    /**
     * Opens the database as it is, without migrations: for a backup, which copies the file whatever
     * version of rundbrief wrote it (a backup before an upgrade must not be of the upgraded file) and
     * changes nothing in it.
     */
    public static Database openAsItIs(Config.Database config, int poolSize) {
        return open(config, poolSize, false);
    }

    private static Database open(Config.Database config, int poolSize, boolean migrate) {
        Optional<Path> h2File = h2FileBase(config.url());
        h2File.ifPresent(Database::privateFolder);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(withH2Options(config.url()));
        hc.setUsername(config.user());
        hc.setPassword(config.password());
        hc.setMaximumPoolSize(poolSize);
        // Connections are opened as they are needed (and closed after 10 idle minutes) instead of all
        // at start: a CLI command uses one or two, and each H2 session costs memory.
        hc.setMinimumIdle(1);
        hc.setPoolName("rundbrief-db");
        hc.setConnectionTimeout(15_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            if (h2File.isPresent() && heldByAnother(e)) {
                throw new IllegalStateException("the database file " + h2File.get().toAbsolutePath().normalize()
                        + ".mv.db is held by another program that opened it for itself alone (an H2 console or shell,"
                        + " or a rundbrief whose database.url says AUTO_SERVER=FALSE): stop that program, or open the"
                        + " file there with ;AUTO_SERVER=TRUE so that both can use it, then try again", e);
            }
            // Hikari's own words were "Failed to initialize pool: …"; the driver's cause says what is wrong
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot open the database of database.url: " + cause.getMessage()
                    + " (check database.url, user and password, and that the database server runs)", e);
        }
        try {
            if (migrate) {
                Migrations.apply(ds);
            }
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        h2File.ifPresent(Database::privateFiles);
        return new Database(ds);
    }

    /** Whether opening the pool failed because another process holds the H2 file without AUTO_SERVER. */
    private static boolean heldByAnother(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    static {
        // H2's AUTO_SERVER opens a TCP port for other processes (the CLI beside serve) and by
        // default listens on every interface: bound to loopback, only this machine can connect.
        // Read once, when H2 first loads, which is after this class.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /** The database folder is the owner's alone (0700): member data lives in it. */
    private static void privateFolder(Path base) {
        Path folder = base.toAbsolutePath().getParent();
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                setPosix(folder, "rwx------");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("store: cannot create the database folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The database's files are the owner's alone (0600), whatever the umask made of them. */
    private static void privateFiles(Path base) {
        String prefix = base.getFileName().toString() + ".";
        try (var files = Files.list(base.toAbsolutePath().getParent())) {
            files.filter(f -> f.getFileName().toString().startsWith(prefix)).forEach(f -> setPosix(f, "rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("store: cannot list the database folder of " + base + ": " + e.getMessage(), e);
        }
    }

    private static void setPosix(Path path, String permissions) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): its ACLs are the operator's to set
        } catch (IOException e) {
            throw new UncheckedIOException("store: cannot restrict " + path + " to its owner: " + e.getMessage(), e);
        }
    }

    private static final String H2_FILE = "jdbc:h2:file:";
    private static final Pattern H2_BARE_PATH = Pattern.compile("jdbc:h2:(?=\\.{1,2}/|/|~|[A-Za-z]:[/\\\\])");

    /**
     * H2 reads {@code jdbc:h2:./data/x} (or a path from {@code /}, {@code ~}, a drive letter) as
     * {@code jdbc:h2:file:./data/x}: one form here, so that both get the options and side files of
     * a file database (the short form had neither AUTO_SERVER nor a backup).
     */
    private static String fileForm(String url) {
        return H2_BARE_PATH.matcher(url).lookingAt() ? H2_FILE + url.substring("jdbc:h2:".length()) : url;
    }

    /** H2 file databases are shared between processes (serve + CLI) via AUTO_SERVER and durable per commit. */
    static String withH2Options(String given) {
        if (!given.startsWith("jdbc:h2:")) {
            return given;
        }
        String url = fileForm(given);
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
    public static Optional<Path> h2FileBase(String given) {
        String url = fileForm(given);
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
        return gate;
    }

    public Jdbc jdbc() {
        return new Jdbc(gate);
    }

    public boolean isPostgres() {
        return dataSource.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    /**
     * The time to work by: on PostgreSQL, which other nodes share and which may run on a machine of
     * its own, the database server's time ({@link DatabaseClock}, read until {@link #close}; {@code
     * machine} only to report how far off it is); on H2, which runs on this machine, {@code machine}.
     */
    public synchronized Clock time(Clock machine) {
        if (!isPostgres()) {
            return machine;
        }
        if (databaseClock == null) {
            databaseClock = DatabaseClock.start(machine, jdbc());
        }
        return databaseClock;
    }

    /** How far this machine's clock is from the database's when that is a second or more (see {@link #time}), in words; empty otherwise. */
    public Optional<String> clockProblem() {
        DatabaseClock clock = databaseClock;
        return clock == null ? Optional.empty() : clock.problem();
    }

    /**
     * The same as a duration: how far the database's time is ahead of this machine's clock
     * (negative when this clock is ahead); empty when it is less than a second or on H2.
     */
    public Optional<Duration> clockOffset() {
        DatabaseClock clock = databaseClock;
        return clock == null ? Optional.empty() : clock.reportedOffset();
    }

    /**
     * Counts the pool's numbers (connections active, idle, pending, wait times) in {@code metrics}
     * from now on; once, when the HTTP server that shows them is made. Not at open: registering the
     * meters was a fortieth of a one-shot command's start, for numbers nobody could read.
     */
    public synchronized void bindMetrics(MeterRegistry metrics) {
        if (dataSource.getMetricsTrackerFactory() == null) {
            dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
    }

    /**
     * Has {@link #close} rewrite an H2 file database from its live rows only ({@code SHUTDOWN
     * COMPACT}): H2 keeps old versions of changed rows in the file for a while, so without it an
     * erased (forgotten) address could still be read from the file's bytes. Only for the process
     * that owns the database ({@code serve} at its clean stop): a shutdown asked for by a CLI
     * command would close it under the running server.
     */
    public void compactOnClose() {
        compactOnClose = true;
    }

    @Override
    public void close() {
        if (compactOnClose && dataSource.getJdbcUrl().startsWith(H2_FILE)) {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN COMPACT");
            } catch (SQLException e) {
                if (e.getErrorCode() != DATABASE_CLOSED) { // the shutdown itself closes the connection: expected
                    org.slf4j.LoggerFactory.getLogger(Database.class).warn("store: compacting the database at stop failed: {}",
                            e.getMessage());
                }
            }
        }
        if (databaseClock != null) {
            databaseClock.close();
        }
        dataSource.close();
    }
}
