package org.rundbrief.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * Rows streamed into PostgreSQL by {@code COPY table (columns) FROM STDIN} (the driver's
 * CopyManager), in COPY's text format: the fastest way into PostgreSQL, one round trip for any
 * number of rows. The rows go out in pieces of about {@value #PIECE} bytes as they are added, so
 * memory stays bounded however many there are. Values are written as {@link Jdbc} binds them:
 * instants and timestamps as UTC timestamps, enums by their lower-case name, lists as arrays.
 */
public final class PostgresCopy implements AutoCloseable {
    static final int PIECE = 64 * 1024;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final org.postgresql.copy.CopyIn copy;
    private final StringBuilder piece = new StringBuilder(PIECE + 1024);

    private PostgresCopy(org.postgresql.copy.CopyIn copy) {
        this.copy = copy;
    }

    /** Starts {@code copySql} ({@code COPY ... FROM STDIN}) on {@code c}, a PostgreSQL connection. */
    public static PostgresCopy start(Connection c, String copySql) throws SQLException {
        if (!c.isWrapperFor(PGConnection.class)) {
            throw new SQLException("COPY needs a PostgreSQL connection, not " + c.getMetaData().getDatabaseProductName());
        }
        return new PostgresCopy(c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql));
    }

    /** One row: its values in the order of the COPY's columns. */
    public void row(Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                piece.append('\t');
            }
            value(values[i]);
        }
        piece.append('\n');
        if (piece.length() >= PIECE) {
            flush();
        }
    }

    /** Sends what is left and ends the COPY; the number of rows PostgreSQL took. */
    public long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    /** Cancels a COPY that was not finished (an error on the way): none of its rows are stored. */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void flush() throws SQLException {
        if (!piece.isEmpty()) {
            byte[] bytes = piece.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            piece.setLength(0);
        }
    }

    private void value(Object v) {
        if (v == null) {
            piece.append("\\N");
        } else if (v instanceof String s) {
            text(s);
        } else if (v instanceof Instant t) {
            piece.append(TIMESTAMP.format(t.atOffset(ZoneOffset.UTC)));
        } else if (v instanceof OffsetDateTime t) {
            piece.append(TIMESTAMP.format(t));
        } else if (v instanceof Boolean b) {
            piece.append(b ? 't' : 'f');
        } else if (v instanceof byte[] bytes) {
            piece.append("\\\\x").append(HexFormat.of().formatHex(bytes));
        } else if (v instanceof Enum<?> e) {
            piece.append(e.name().toLowerCase(Locale.ROOT));
        } else if (v instanceof List<?> list) {
            text(array(list));
        } else if (v instanceof Number || v instanceof Character) {
            piece.append(v);
        } else {
            throw new IllegalArgumentException("no COPY text for a " + v.getClass().getName());
        }
    }

    /** An array literal: {@code {"a","b"}}, each element quoted. */
    private static String array(List<?> list) {
        StringBuilder sb = new StringBuilder("{");
        for (Object element : list) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(element.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }

    /** A text value, with the characters COPY's text format gives a meaning escaped. */
    private void text(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> piece.append("\\\\");
                case '\n' -> piece.append("\\n");
                case '\r' -> piece.append("\\r");
                case '\t' -> piece.append("\\t");
                default -> piece.append(c);
            }
        }
    }
}
