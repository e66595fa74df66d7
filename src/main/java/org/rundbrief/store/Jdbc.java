package org.rundbrief.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A thin JDBC helper: parameterised statements only, rows mapped by the caller, and
 * {@link #inTransaction} to group statements. Statements inside a transaction share its
 * connection (held in a thread-local), so store methods compose without passing connections.
 */
public final class Jdbc {
    private static final ThreadLocal<Connection> CURRENT = new ThreadLocal<>();
    private final DataSource dataSource;
    /** Whether the database is PostgreSQL; asked once, on first need. */
    private volatile Boolean postgres;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether the database is PostgreSQL (else H2): for the few writes that have a faster way there. */
    public boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = withConnection(c -> c.isWrapperFor(org.postgresql.PGConnection.class));
            postgres = known;
        }
        return known;
    }

    /**
     * Starts {@code COPY ... FROM STDIN} on the current transaction's connection (PostgreSQL only):
     * the rows written to the result are stored when it is finished and the transaction commits.
     */
    public PostgresCopy copyIn(String copySql) {
        Connection c = CURRENT.get();
        if (c == null) {
            throw new IllegalStateException("copyIn outside a transaction");
        }
        try {
            return PostgresCopy.start(c, copySql);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        List<T> out = new ArrayList<>();
        stream(sql, rs -> out.add(mapper.map(rs)), params);
        return out;
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = list(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public long count(String sql, Object... params) {
        return one(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /** Calls {@code each} per row without keeping the rows: for result sets of any size. */
    public void stream(String sql, RowConsumer each, Object... params) {
        withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(500);
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(rs);
                    }
                }
            }
            return null;
        });
    }

    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    public int update(String sql, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                return ps.executeUpdate();
            }
        });
    }

    /** Runs an INSERT and returns the generated {@code id}. */
    public long insert(String sql, Object... params) {
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
                bind(ps, params);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("no generated key for: " + sql);
                    }
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Executes the same statement once per parameter row, as one JDBC batch; the update count of each. */
    public int[] batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    bind(ps, row);
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    /**
     * Executes an INSERT once per parameter row as one JDBC batch and returns the generated
     * {@code id} of every row, in row order (H2 and PostgreSQL both return a batch's keys that way).
     */
    public long[] batchInsert(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new long[0];
        }
        return withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
                for (Object[] row : rows) {
                    bind(ps, row);
                    ps.addBatch();
                }
                ps.executeBatch();
                long[] ids = new long[rows.size()];
                int n = 0;
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    while (keys.next() && n < ids.length) {
                        ids[n++] = keys.getLong(1);
                    }
                }
                if (n != ids.length) {
                    throw new SQLException(ids.length + " rows inserted but " + n + " generated keys returned for: " + sql);
                }
                return ids;
            }
        });
    }

    /** Tunes the database for one long bulk write until the result is closed ({@link BulkWrite}). */
    public BulkWrite bulkWrite() {
        return BulkWrite.begin(dataSource);
    }

    public <T> T inTransaction(Work<T> work) {
        if (CURRENT.get() != null) {
            try {
                return work.run();
            } catch (SQLException e) {
                throw new StoreException(e);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            CURRENT.set(c);
            T result;
            try {
                result = work.run();
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollBack(c, e);
                throw e;
            } finally {
                CURRENT.remove();
            }
            c.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * Rolls back after {@code failure}. A rollback that fails too (the connection is gone: the
     * database restarted) is kept with the failure instead of thrown in its place: "Connection is
     * closed" said nothing of the cause. A connection given back with auto-commit off gets it back
     * from the pool, which resets what a borrower changed.
     */
    private static void rollBack(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Takes the named lock (a row of {@code app_lock}) until the current transaction ends; waits
     * while another transaction holds it. Must be called inside {@link #inTransaction}.
     */
    public void lock(String name) {
        if (CURRENT.get() == null) {
            throw new IllegalStateException("lock(" + name + ") outside a transaction would be released at once");
        }
        if (update("UPDATE app_lock SET taken_at = CURRENT_TIMESTAMP WHERE name = ?", name) != 1) {
            throw new IllegalStateException("no lock named " + name);
        }
    }

    /** Runs {@code work} in a transaction that is always rolled back: "what would happen if". */
    public <T> T rolledBack(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            CURRENT.set(c);
            T result;
            try {
                result = work.run();
            } catch (SQLException | RuntimeException | Error e) {
                rollBack(c, e);
                throw e;
            } finally {
                CURRENT.remove();
            }
            c.rollback();
            c.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    private <T> T withConnection(ConnectionWork<T> work) {
        Connection current = CURRENT.get();
        try {
            if (current != null) {
                return work.run(current);
            }
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @FunctionalInterface
    private interface ConnectionWork<T> {
        T run(Connection c) throws SQLException;
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                // JDBC 4.2's java.time mapping for TIMESTAMP WITH TIME ZONE (H2 and pgjdbc): no
                // Calendar, no time-zone arithmetic per value.
                ps.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (p instanceof Enum<?> e) {
                ps.setString(i + 1, e.name().toLowerCase(Locale.ROOT));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /** Reads a timestamp column written by this class. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Reads a timestamp column by position (for aggregates such as MAX(...)). */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Runs one statement without parameters (DDL in tests and maintenance). */
    public void execute(String sql) {
        withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }
}
