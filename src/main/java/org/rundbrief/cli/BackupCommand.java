package org.rundbrief.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rundbrief.app.App;
import org.rundbrief.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Write an online, consistent backup of the H2 database into a zip file.",
                "",
                "Safe while 'serve' runs: H2 copies the database as of one moment. To restore, stop",
                "rundbrief and unzip the file into the database's folder (e.g. unzip FILE -d data/).",
                "A PostgreSQL database is backed up with pg_dump instead (see README, Running in production).",
                "",
                "Example:",
                "  rundbrief backup --out /var/backups/rundbrief-2026-12-06.zip"})
public final class BackupCommand extends AppCommand {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The zip file to write; must not exist yet.")
    Path out;

    @Override
    protected int run(App app) throws Exception {
        if (Database.h2FileBase(app.config.database().url()).isEmpty()) {
            throw new IllegalArgumentException("backup: database.url is not an H2 file database ("
                    + app.config.database().url().replaceAll("password=[^&;]*", "password=…")
                    + "); back up PostgreSQL with pg_dump");
        }
        Path target = out.toAbsolutePath();
        if (Files.exists(target)) {
            throw new IllegalArgumentException("--out: " + target + " exists already; choose a new file name");
        }
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw new IllegalArgumentException("--out: the folder " + target.getParent() + " does not exist");
        }
        // BACKUP TO runs inside the database engine (with AUTO_SERVER in the serve process): an absolute path.
        app.database.jdbc().execute("BACKUP TO '" + target.toString().replace("'", "''") + "'");
        out().printf("Backup written to %s (%,d bytes).%n", target, Files.size(target));
        return 0;
    }
}
