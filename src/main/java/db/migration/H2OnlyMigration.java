package db.migration;

import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A migration whose statements run on H2 only and do nothing on PostgreSQL. Used to drop an index
 * that on H2 duplicates the one H2 makes by itself for a foreign key: H2 2.x gives every foreign key
 * an index whose columns are exactly the key's ({@code CONSTRAINT_INDEX_…}) unless such an index
 * already exists when the key is made (one that merely starts with the key's columns does not
 * count), and that index cannot be dropped. PostgreSQL makes no index for a foreign key, so there
 * the schema's own index is the only one and stays. Abstract, so Flyway does not take it for a
 * migration of its own.
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
