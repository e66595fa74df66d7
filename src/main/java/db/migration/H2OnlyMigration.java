package db.migration;

import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A migration whose statements run on H2 only and do nothing on PostgreSQL: index changes that
 * follow from how H2 keeps its indexes. H2 2.x gives every foreign key an index whose columns are
 * exactly the key's ({@code CONSTRAINT_INDEX_…}) unless such an index already exists when the key
 * is made (one that merely starts with the key's columns does not count), and that index cannot be
 * dropped, so the schema's own index on those columns is a duplicate there; PostgreSQL makes no
 * index for a foreign key. And H2 rewrites every index entry of a row on any update, so an index
 * may carry a column that changes often for free, which on PostgreSQL would cost heap-only updates.
 * Abstract, so Flyway does not take it for a migration of its own.
 */
abstract class H2OnlyMigration extends BaseJavaMigration {
    private final List<String> statements;

    H2OnlyMigration(String... statements) {
        this.statements = List.of(statements);
    }

    @Override
    public final void migrate(Context context) throws Exception {
        if (!"H2".equals(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement s = context.getConnection().createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
