package org.rundbrief.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * An online backup of an H2 database: H2's {@code BACKUP TO} over an ordinary connection writes a
 * consistent zip of the database file while other connections (a running {@code serve}, through
 * AUTO_SERVER) go on reading and writing. The zip is written beside the target under a temporary
 * name and moved into place when complete, so a failed backup leaves no half file behind. H2 does
 * not cancel a running {@code BACKUP} (a statement's cancel is ignored), so a stop is honoured when
 * it returns, a few seconds per 100 MB: the zip is thrown away.
 */
public final class H2Backup {
    private H2Backup() {}

    /**
     * Writes the backup of {@code database} (an H2 database) to {@code zip}, replacing a file there.
     *
     * @throws CancellationException when {@code stopping} says so once H2 has written it; nothing
     *     is left of it then
     */
    public static void write(Database database, Path zip, BooleanSupplier stopping) {
        Path target = zip.toAbsolutePath();
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.deleteIfExists(part);
            // The path is resolved by the process that hosts the file (with AUTO_SERVER perhaps another one): absolute.
            database.jdbc().execute("BACKUP TO '" + part.toString().replace("'", "''") + "'");
            if (stopping.getAsBoolean()) {
                throw new CancellationException("stopped");
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // the backup's own error (or success) is what counts
            }
        }
    }
}
