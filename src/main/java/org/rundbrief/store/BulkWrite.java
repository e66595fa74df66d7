package org.rundbrief.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/**
 * Tunes an H2 database that this process hosts for one long bulk write (importing a million
 * subscribers) and puts it back when closed. Measured in bench/README.md (Import).
 *
 * <ul>
 * <li><b>A small page cache</b> ({@value #CACHE_KB} KB instead of 16 MB under a 256 MB heap). An
 * import inserts into the address index all over its tree, so the cache turns over all the time
 * and an evicted page has usually lived long enough to be promoted by the garbage collector: the old
 * generation filled with dead pages and G1 ran a concurrent cycle every few hundred milliseconds.
 * <li><b>Pages written in the background</b> (H2's write delay of {@value #WRITE_DELAY_MS} ms
 * instead of 0): H2's own writer thread serialises the changed pages on the second core instead
 * of the importing thread at every commit. A process killed mid-import may lose its last
 * {@value #WRITE_DELAY_MS} ms of chunks; importing the file again adds exactly those (an import
 * skips what is stored). On close everything is written out before the write delay goes back.
 * </ul>
 *
 * <p>For a process that does nothing but the bulk write (the CLI's {@code subscribers import
 * --confirmed}; unconfirmed rows are mailed as soon as they commit, so they must not be lost): in
 * {@code serve} sending may run beside an import, and its crash bound needs every commit written
 * at once.
 *
 * <p>Both are set on the running engine only, not with {@code SET}, which H2 would keep in the file:
 * a process killed in the middle of an import leaves the configured values in place. Does nothing
 * on PostgreSQL, or when this process is a client of another process's H2 engine (AUTO_SERVER: a
 * running {@code serve} hosts the file; its settings are not ours to change).
 */
public final class BulkWrite implements AutoCloseable {
    /**
     * The H2 release whose engine classes this was written and measured against ({@code Database},
     * {@code SessionLocal}, {@code JdbcConnection.getSession}: internals H2 may change in any
     * release). BulkWriteTest fails when the H2 on the class path is another one.
     */
    static final String WRITTEN_FOR_H2 = "2.4.240";
    /** H2's page cache during a bulk write, in KB. */
    static final int CACHE_KB = 2048;
    static final int WRITE_DELAY_MS = 500;

    private final DataSource dataSource;
    /** The settings to go back to; empty when nothing was changed. */
    private final Optional<Settings> before;

    private record Settings(int cacheKb, int writeDelayMs) {
        static Settings of(Database engine) {
            return new Settings(engine.getStore().getMvStore().getCacheSize() * 1024, engine.getWriteDelay());
        }

        void applyTo(Database engine) {
            engine.setCacheSize(cacheKb);
            engine.setWriteDelay(writeDelayMs);
        }
    }

    private BulkWrite(DataSource dataSource, Optional<Settings> before) {
        this.dataSource = dataSource;
        this.before = before;
    }

    static BulkWrite begin(DataSource dataSource) {
        return new BulkWrite(dataSource, hostedEngine(dataSource, engine -> {
            Settings now = Settings.of(engine);
            new Settings(Math.min(CACHE_KB, now.cacheKb()), Math.max(WRITE_DELAY_MS, now.writeDelayMs())).applyTo(engine);
            return now;
        }));
    }

    @Override
    public void close() {
        before.ifPresent(settings -> hostedEngine(dataSource, engine -> {
            engine.flush();
            settings.applyTo(engine);
            return settings;
        }));
    }

    /** The page cache (KB) and write delay (ms) of the engine, when this process hosts one (for tests). */
    static Optional<int[]> settings(DataSource dataSource) {
        return hostedEngine(dataSource, engine -> {
            Settings s = Settings.of(engine);
            return new int[] {s.cacheKb(), s.writeDelayMs()};
        });
    }

    private static <T> Optional<T> hostedEngine(DataSource dataSource, Function<Database, T> work) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isWrapperFor(JdbcConnection.class)
                    || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local)
                    || local.getDatabase().getStore() == null) {
                return Optional.empty();
            }
            return Optional.of(work.apply(local.getDatabase()));
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
