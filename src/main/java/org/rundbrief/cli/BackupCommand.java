package org.rundbrief.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rundbrief.config.Config;
import org.rundbrief.config.ConfigLoader;
import org.rundbrief.store.Database;
import org.rundbrief.store.H2Backup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backup --out FILE}: an online, consistent zip of the H2 database, also while {@code serve} runs. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Writes a consistent backup of the H2 database into a zip file, also while 'serve' is running.",
                "Restore: stop rundbrief, unzip the file into the database's folder, start again.",
                "On PostgreSQL use pg_dump; this command prints the command line for the configured database."})
public final class BackupCommand implements Callable<Integer> {
    @Mixin
    ConfigOption configOption;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The zip file to write.")
    Path out;

    @Option(names = "--force", description = "Replace FILE when it exists.")
    boolean force;

    @Override
    public Integer call() {
        Config config = ConfigLoader.load(configOption.file(), configOption.explicit(), System.getenv());
        String url = config.database().url();
        if (url.startsWith("jdbc:postgresql:")) {
            spec.commandLine().getErr().println("rundbrief: backup: the database is PostgreSQL; use pg_dump to back it up:\n  "
                    + pgDump(config.database(), out));
            return ExitCodes.USAGE;
        }
        Path base = Database.h2FileBase(url).orElseThrow(() -> new IllegalArgumentException(
                "backup: database.url " + url + " is not an H2 file database; nothing to back up"));
        Path file = base.resolveSibling(base.getFileName() + ".mv.db").toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("backup: there is no database file " + file + " (database.url " + url
                    + "); is --config the installation's config?");
        }
        Path folder = out.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("backup: the folder " + folder + " of --out does not exist; create it first");
        }
        if (Files.exists(out) && !force) {
            throw new IllegalArgumentException("backup: " + out + " exists; choose another --out or add --force to replace it");
        }
        AtomicBoolean stopping = new AtomicBoolean();
        try (Database database = Database.openAsItIs(config.database(), 1);
                StopSignals signals = StopSignals.onStop(() -> stopping.set(true))) {
            H2Backup.write(database, out, stopping::get);
        } catch (CancellationException e) {
            spec.commandLine().getErr().println("Stopped: " + out + " was not written. Run the backup again.");
            return ExitCodes.FAILED;
        }
        spec.commandLine().getOut().println("backup written to " + out.toAbsolutePath());
        return 0;
    }

    /** The pg_dump command line for a {@code jdbc:postgresql://host:port/db?user=...&currentSchema=...} URL. */
    static String pgDump(Config.Database db, Path out) {
        URI uri = URI.create(db.url().substring("jdbc:".length()));
        StringBuilder cmd = new StringBuilder("pg_dump --format=custom --file=").append(out);
        cmd.append(" --host=").append(uri.getHost() == null ? "localhost" : uri.getHost());
        if (uri.getPort() > 0) {
            cmd.append(" --port=").append(uri.getPort());
        }
        String user = db.user();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = pair.substring(0, eq);
            String value = java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            if (key.equals("user") && (user == null || user.isBlank())) {
                user = value;
            } else if (key.equals("currentSchema")) {
                cmd.append(" --schema=").append(value);
            }
        }
        if (user != null && !user.isBlank()) {
            cmd.append(" --username=").append(user);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        return cmd.append(' ').append(path.startsWith("/") ? path.substring(1) : path).toString();
    }
}
