package org.rundbrief.schedule;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Opt-in PostgreSQL for tests: set {@code RB_TEST_POSTGRES_URL} (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/rbtest?user=rb}) and the tests that ask for it run on a
 * freshly emptied public schema of that database; without it they use H2 as always.
 */
public final class PostgresForTests {
    public static final String ENV = "RB_TEST_POSTGRES_URL";

    private PostgresForTests() {}

    /** The URL of an emptied database, or empty when no PostgreSQL was given. */
    public static Optional<String> freshUrl() {
        String url = System.getenv(ENV);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset " + ENV + ": " + e.getMessage(), e);
        }
        return Optional.of(url);
    }
}
