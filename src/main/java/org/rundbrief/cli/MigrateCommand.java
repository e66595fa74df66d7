package org.rundbrief.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.rundbrief.config.Config;
import org.rundbrief.config.ConfigLoader;
import org.rundbrief.store.Database;
import org.rundbrief.store.DatabaseCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code migrate --to jdbc:postgresql://...}: copies the configured H2 database into an empty PostgreSQL database. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Copies everything from the configured H2 database into an empty PostgreSQL database:",
                "members, consent log, suppressions, articles, sources, editions, deliveries, audit and schedule.",
                "Stop 'serve' first. Prints the config lines to switch to the new database."})
public final class MigrateCommand implements Callable<Integer> {
    /** Tables with at least this many rows get a progress bar. */
    static final long BAR_FROM = 10_000;

    @Mixin
    ConfigOption configOption;

    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "The target, jdbc:postgresql://host[:port]/database.")
    String to;

    @Option(names = "--user", paramLabel = "USER", description = "The target's user (or user=... in the URL).")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "The target's password (or password=... in the URL).")
    String password;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Config config = ConfigLoader.load(configOption.file(), configOption.explicit(), System.getenv());
        if (!to.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("migrate: --to " + to + " is not a PostgreSQL URL; give jdbc:postgresql://host[:port]/database");
        }
        if (!config.database().url().startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("migrate: the configured database.url " + config.database().url()
                    + " is not H2; migrate copies an H2 database into PostgreSQL");
        }
        requireEmptyJournal(config.database().url());
        Config.Database target = new Config.Database(to, user, password);
        try (Database from = Database.open(config.database(), 2); Database into = Database.open(target, 2)) {
            DatabaseCopy copy = new DatabaseCopy(from.dataSource(), into.dataSource());
            List<String> tables = copy.tables();
            var full = copy.firstNonEmptyTarget(tables);
            if (full.isPresent()) {
                err.println("rundbrief: migrate: the target is not empty: table " + full.get()
                        + " has rows; migrate into an empty database (or a new schema)");
                return ExitCodes.USAGE;
            }
            Bars bars = new Bars(err);
            try (StopSignals signals = StopSignals.onStop(bars::stop)) {
                copy.copy(tables, bars);
            } catch (Bars.Stopped e) {
                err.println();
                err.println("rundbrief: migrate: stopped while copying table " + e.table + "; the target holds the tables"
                        + " before it. Empty the target database (or take a new schema) and run migrate again.");
                return ExitCodes.FAILED;
            }
            List<DatabaseCopy.Mismatch> mismatches = copy.verify(tables);
            if (!mismatches.isEmpty()) {
                mismatches.forEach(m -> err.println("rundbrief: migrate: table " + m.table() + " has " + m.source()
                        + " rows in H2 but " + m.target() + " in PostgreSQL (did something write to H2 meanwhile? stop serve and migrate into an empty database again)"));
                return ExitCodes.FAILED;
            }
            Map<String, Long> counts = copy.sourceCounts(tables);
            out.println("copied " + counts.values().stream().mapToLong(Long::longValue).sum() + " rows in " + tables.size()
                    + " tables; row counts match (subscriber: " + counts.getOrDefault("subscriber", 0L)
                    + ", article: " + counts.getOrDefault("article", 0L) + ")");
            out.println("To switch, put these lines into " + configOption.file() + " and start rundbrief again:");
            out.println("database: { url: \"" + to + "\"" + (user == null ? "" : ", user: \"" + user + "\"")
                    + (password == null ? "" : ", password: \"...\"") + " }");
        }
        return 0;
    }

    /** Marks of a killed send not yet in the delivery table would be lost in the copy: the next send on H2 folds them in. */
    private static void requireEmptyJournal(String url) {
        Database.h2FileBase(url).map(db -> db.resolveSibling(db.getFileName() + ".sent")).filter(Files::isDirectory).ifPresent(dir -> {
            try (Stream<Path> files = Files.list(dir)) {
                if (files.findAny().isPresent()) {
                    throw new IllegalArgumentException("migrate: " + dir + " holds sent marks of an interrupted send that are not"
                            + " in the database yet; run 'rundbrief send' once on H2 (it records them), then migrate");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("migrate: cannot read " + dir + ": " + e.getMessage());
            }
        });
    }

    /** One progress bar per table of {@value #BAR_FROM} rows or more; ends the copy once {@link #stop} was called (Ctrl-C). */
    private static final class Bars implements DatabaseCopy.Progress {
        private final PrintWriter err;
        private ProgressBar bar;
        private volatile boolean stopping;

        Bars(PrintWriter err) {
            this.err = err;
        }

        void stop() {
            stopping = true;
        }

        /** Thrown out of the copy when a stop was asked for: the table being copied is rolled back. */
        static final class Stopped extends RuntimeException {
            final String table;

            Stopped(String table) {
                super("stopped while copying " + table, null, false, false);
                this.table = table;
            }
        }

        @Override
        public void table(String table, long total) {
            bar = total >= BAR_FROM ? new ProgressBar(err, String.format("%-22s", table)) : null;
        }

        @Override
        public void rows(String table, long done, long total) {
            if (stopping) {
                throw new Stopped(table);
            }
            if (bar != null && done == total) {
                bar.complete(done, total, "");
            } else if (bar != null) {
                bar.update(done, total, "");
            }
        }
    }
}
