/**
 * The database: a HikariCP pool, Flyway migrations (portable between H2 and PostgreSQL), a thin
 * JDBC helper with transactions and named locks, and the loader of each package's named SQL
 * ({@code src/main/resources/sql/<package>.sql}). No business logic here.
 */
package org.rundbrief.store;
