package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * H2 only: drops the index {@code consent_event_subscriber (subscriber_id, at)} of V1, because on H2
 * it is the second index on {@code subscriber_id}. H2 gives every foreign key an index of its own
 * whose columns are exactly the key's ({@code CONSTRAINT_INDEX_…} on {@code subscriber_id}; H2 2.x
 * reuses an existing index only if its columns match exactly, so the two-column one does not
 * count), and a foreign key's index cannot be dropped. Every consent row (one per imported
 * subscriber) wrote both, issue #4's import paid for the duplicate. The consent log of one member is
 * a handful of rows: found through the foreign key's index and sorted by {@code at} in memory.
 * PostgreSQL creates no index for a foreign key, so there {@code consent_event_subscriber} is the
 * only one and stays. A Java migration because the choice depends on the database.
 */
public class V3_4__h2_consent_event_one_subscriber_index extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        if (!"H2".equals(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("DROP INDEX consent_event_subscriber");
        }
    }
}
