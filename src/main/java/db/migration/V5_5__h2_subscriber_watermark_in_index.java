package db.migration;

/**
 * H2 only ({@link H2OnlyMigration}): the index {@code subscriber_status_cadence (status, cadence, id)}
 * of V1 gets the watermark as a last column. Every edition starts by reading the oldest watermark of
 * its cadence's confirmed subscribers ({@code min-watermark} in edition.sql); through the old index
 * that looked up every subscriber's row (~1 s on a cold start with 100,000 members, before planning
 * could begin), now it reads the index alone (~0.3 s). H2 rewrites every index entry of a row on
 * any update, so moving the watermark costs nothing more. The planner still seeks subscriber id
 * windows on it. On PostgreSQL an update of an indexed column cannot be a heap-only update, so the
 * index stays as it is there.
 */
public class V5_5__h2_subscriber_watermark_in_index extends H2OnlyMigration {
    public V5_5__h2_subscriber_watermark_in_index() {
        super("CREATE INDEX subscriber_status_cadence_watermark ON subscriber (status, cadence, id, delivered_until)",
                "DROP INDEX subscriber_status_cadence");
    }
}
