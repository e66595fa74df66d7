package org.rundbrief.store;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date with Flyway, but only when there is something to do. Flyway's
 * migrate scans, parses and checksums every migration on each start: with the class loading it
 * needs, that was a quarter of a CLI command with nothing to do (bench/README.md, "Quick commands").
 * When the database has applied every version the jar ships (SQL and Java migrations alike),
 * Flyway is not started at all. The price: a migration edited after it was applied is not reported
 * on such a start (migrations are never edited once released); any start with a new migration runs
 * Flyway in full, validation included.
 */
final class Migrations {
    static final String LOCATION = "db/migration";
    private static final Queries SQL = Queries.load("/sql/store.sql");
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9_.]*)__[^$/]+\\.(sql|class)");

    private Migrations() {}

    static void apply(DataSource ds) {
        Optional<Set<String>> shipped = shipped();
        if (shipped.isPresent() && applied(ds).containsAll(shipped.get())) {
            return;
        }
        // Each package numbers its migrations in its own range (V2_x article, V3_x subscriber, …),
        // so a release can bring a migration numbered below one a database already has: applied
        // out of order instead of refused ("resolved migration not applied"), which would stop
        // every upgraded installation from starting.
        Flyway.configure().dataSource(ds).locations("classpath:" + LOCATION).outOfOrder(true).load().migrate();
    }

    /** The versions of the migrations in the jar (or classes folder); empty when they cannot be listed. */
    static Optional<Set<String>> shipped() {
        try {
            Set<String> versions = new HashSet<>();
            // Every classpath root with the folder, as Flyway scans them (tests add their own classes there).
            for (URL url : Collections.list(Migrations.class.getClassLoader().getResources(LOCATION))) {
                for (String name : names(url)) {
                    Matcher m = VERSIONED.matcher(name);
                    if (m.matches()) {
                        versions.add(m.group(1).replace('_', '.'));
                    } else if (name.startsWith("R__")) {
                        return Optional.empty(); // repeatable migrations: only Flyway knows whether they changed
                    }
                }
            }
            return versions.isEmpty() ? Optional.empty() : Optional.of(versions);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty(); // Flyway will look for itself
        }
    }

    private static List<String> names(URL folder) throws IOException, URISyntaxException {
        if (folder.getProtocol().equals("jar")) {
            JarFile jar = ((JarURLConnection) folder.openConnection()).getJarFile();
            return jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(LOCATION + "/"))
                    .map(n -> n.substring(LOCATION.length() + 1)).toList();
        }
        if (folder.getProtocol().equals("file")) {
            try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                return files.map(p -> p.getFileName().toString()).toList();
            }
        }
        throw new IOException("cannot list " + folder);
    }

    /** Versions Flyway recorded as applied; empty for a new database (no history table yet). */
    static Set<String> applied(DataSource ds) {
        Set<String> versions = new HashSet<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(SQL.get("applied-migrations"))) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        } catch (SQLException e) {
            return Set.of();
        }
        return versions;
    }
}
