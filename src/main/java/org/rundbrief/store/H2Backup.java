package org.rundbrief.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An online backup of an H2 database: H2's {@code BACKUP TO} over an ordinary connection writes a
 * consistent zip of the database file while other connections (a running {@code serve}, through
 * AUTO_SERVER) go on reading and writing. The zip is written beside the target under a temporary
 * name and moved into place when complete, so a failed backup leaves no half file behind.
 */
public final class H2Backup {
    private H2Backup() {}

    /** Writes the backup of {@code database} (an H2 database) to {@code zip}, replacing a file there. */
    public static void write(Database database, Path zip) {
        Path target = zip.toAbsolutePath();
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.deleteIfExists(part);
            // The path is resolved by the process that hosts the file (with AUTO_SERVER perhaps another one): absolute.
            database.jdbc().execute("BACKUP TO '" + part.toString().replace("'", "''") + "'");
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
