package org.rundbrief.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Copies every row of one rundbrief database into another whose schema is migrated to the same
 * version (moving from H2 to PostgreSQL): the tables in foreign-key order (a table after the ones
 * it references), each read with a bounded fetch size and streamed into the target by one
 * {@code COPY ... FROM STDIN} ({@link PostgresCopy}) and one commit per table, so memory stays
 * flat however many members there are; a copy that fails leaves the table it was writing empty. Afterwards each identity
 * column's sequence is moved past the copied ids and the row counts of both sides are compared.
 * The source should not change meanwhile (stop {@code serve} first); a count that differs is reported.
 */
public final class DatabaseCopy {
    /** Rows between two progress reports. */
    static final int PROGRESS = 10_000;
    private static final int FETCH = 1000;
    /** Flyway's own bookkeeping: the target has its own from migrating. */
    private static final String FLYWAY_HISTORY = "flyway_schema_history";
    /**
     * Rows the migrations write themselves, replaced by the source's: the names of the named locks (the
     * same on both sides) and the settings (the search words' mark, V39_1: the source's words come with it).
     */
    private static final Set<String> SEEDED = Set.of("app_lock", "setting");

    /** Told how far the copy of each table is. */
    public interface Progress {
        void table(String table, long total);

        void rows(String table, long done, long total);
    }

    /** A table whose row count differs after the copy. */
    public record Mismatch(String table, long source, long target) {}

    private final DataSource source;
    private final DataSource target;

    public DatabaseCopy(DataSource source, DataSource target) {
        this.source = source;
        this.target = target;
    }

    /** The tables to copy, referenced tables first (lower case names). */
    public List<String> tables() {
        try (Connection c = source.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String schema = c.getSchema();
            Map<String, Set<String>> references = new TreeMap<>();
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    if (!table.equalsIgnoreCase(FLYWAY_HISTORY)) {
                        references.put(table, new LinkedHashSet<>());
                    }
                }
            }
            for (Map.Entry<String, Set<String>> e : references.entrySet()) {
                try (ResultSet rs = meta.getImportedKeys(null, schema, e.getKey())) {
                    while (rs.next()) {
                        String parent = rs.getString("PKTABLE_NAME");
                        if (!parent.equals(e.getKey())) {
                            e.getValue().add(parent);
                        }
                    }
                }
            }
            List<String> ordered = new ArrayList<>();
            Set<String> placed = new LinkedHashSet<>();
            for (String table : references.keySet()) {
                place(table, references, placed, ordered);
            }
            return ordered.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static void place(String table, Map<String, Set<String>> references, Set<String> placed, List<String> ordered) {
        if (!placed.add(table)) {
            return;
        }
        for (String parent : references.getOrDefault(table, Set.of())) {
            place(parent, references, placed, ordered);
        }
        ordered.add(table);
    }

    /** The first table of {@code tables} that holds rows in the target (apart from rows the migrations write). */
    public Optional<String> firstNonEmptyTarget(List<String> tables) {
        for (String table : tables) {
            if (!SEEDED.contains(table) && count(target, table) > 0) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }

    /** Copies all rows of {@code tables}, in that order. */
    public void copy(List<String> tables, Progress progress) {
        for (String table : tables) {
            copyTable(table, progress);
        }
        try (Connection t = target.getConnection()) {
            for (String table : tables) {
                advanceIdentity(t, table);
            }
            // PostgreSQL's autovacuum gathers statistics of filled tables only a minute or so
            // later; until then it plans as if they were empty (see SubscriberStore.refreshStatistics)
            try (Statement analyze = t.createStatement()) {
                analyze.execute("ANALYZE " + String.join(", ", tables));
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The tables whose row counts differ between source and target. */
    public List<Mismatch> verify(List<String> tables) {
        List<Mismatch> out = new ArrayList<>();
        for (String table : tables) {
            long s = count(source, table);
            long t = count(target, table);
            if (s != t) {
                out.add(new Mismatch(table, s, t));
            }
        }
        return out;
    }

    /** The row count of each table in the source. */
    public Map<String, Long> sourceCounts(List<String> tables) {
        Map<String, Long> out = new LinkedHashMap<>();
        tables.forEach(t -> out.put(t, count(source, t)));
        return out;
    }

    private void copyTable(String table, Progress progress) {
        long total = count(source, table);
        progress.table(table, total);
        try (Connection s = source.getConnection(); Connection t = target.getConnection()) {
            s.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            t.setAutoCommit(false);
            if (SEEDED.contains(table)) {
                try (Statement del = t.createStatement()) {
                    del.executeUpdate("DELETE FROM " + table);
                }
            }
            try (PreparedStatement read = s.prepareStatement("SELECT * FROM " + table,
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                read.setFetchSize(FETCH);
                try (ResultSet rs = read.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    int n = meta.getColumnCount();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
                    }
                    try (PostgresCopy copy = PostgresCopy.start(t,
                            "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN")) {
                        Object[] row = new Object[n];
                        long done = 0;
                        while (rs.next()) {
                            for (int i = 1; i <= n; i++) {
                                row[i - 1] = value(rs, i, meta.getColumnType(i));
                            }
                            copy.row(row);
                            if (++done % PROGRESS == 0) {
                                progress.rows(table, done, total);
                            }
                        }
                        copy.finish();
                        t.commit();
                        progress.rows(table, done, total);
                    }
                }
            }
            s.commit();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** One value of the source row, as {@link PostgresCopy} writes it (H2's drivers give LOBs and timestamps their own way). */
    private static Object value(ResultSet rs, int i, int type) throws SQLException {
        return switch (type) {
            case Types.TIMESTAMP_WITH_TIMEZONE -> rs.getObject(i, java.time.OffsetDateTime.class);
            case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> rs.getBytes(i);
            case Types.CLOB -> rs.getString(i);
            default -> rs.getObject(i);
        };
    }

    /** Moves the sequence behind a table's identity column {@code id} past its largest value (PostgreSQL and H2). */
    private static void advanceIdentity(Connection t, String table) throws SQLException {
        if (!hasIdentityId(t, table)) {
            return;
        }
        long max;
        try (Statement st = t.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
            rs.next();
            max = rs.getLong(1);
        }
        try (Statement st = t.createStatement()) {
            st.execute("ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + (max + 1));
        }
        if (!t.getAutoCommit()) {
            t.commit();
        }
    }

    private static boolean hasIdentityId(Connection t, String table) throws SQLException {
        DatabaseMetaData meta = t.getMetaData();
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getColumns(null, t.getSchema(), name, "%")) {
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME").equalsIgnoreCase("id")) {
                        return "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"));
                    }
                }
            }
        }
        return false;
    }

    private static long count(DataSource ds, String table) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
