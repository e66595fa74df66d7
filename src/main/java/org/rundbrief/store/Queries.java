package org.rundbrief.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Named SQL statements from a {@code queries.sql} resource, in listmonk's style:
 * <pre>
 * -- name: insert-article
 * -- Stores a newly collected article.
 * INSERT INTO ...
 * </pre>
 * Each package keeps its SQL in {@code src/main/resources/sql/<package>.sql}; statements only
 * PostgreSQL understands (COPY, arrays, ON CONFLICT) go into {@code <package>.postgresql.sql}.
 */
public final class Queries {
    private final String resource;
    private final Map<String, String> byName;

    private Queries(String resource, Map<String, String> byName) {
        this.resource = resource;
        this.byName = byName;
    }

    public static Queries load(String resource) {
        try (InputStream in = Queries.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource " + resource + " is missing");
            }
            return new Queries(resource, parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    static Map<String, String> parse(String text) {
        Map<String, String> out = new HashMap<>();
        String name = null;
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("-- name:")) {
                if (name != null) {
                    out.put(name, sql.toString().trim());
                }
                name = trimmed.substring("-- name:".length()).trim();
                sql.setLength(0);
            } else if (!trimmed.startsWith("--") && name != null) {
                sql.append(line).append('\n');
            }
        }
        if (name != null) {
            out.put(name, sql.toString().trim());
        }
        return out;
    }

    /** Every query's name, e.g. for a test that prepares them all. */
    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    public String get(String name) {
        String sql = byName.get(name);
        if (sql == null) {
            throw new IllegalArgumentException("no query '" + name + "' in " + resource);
        }
        return sql;
    }
}
