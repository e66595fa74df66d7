package db.migration;

/**
 * H2 only ({@link H2OnlyMigration}): drops the index {@code delivery_subscriber (subscriber_id)} of
 * V1, an exact duplicate on H2 of the index H2 made for the foreign key {@code subscriber_id}. Every
 * planned delivery (one row per recipient of an edition) wrote an entry into both. Lookups by
 * subscriber (a member's delivery history in the what-is-new rule, the cascade when a member is
 * deleted) use the foreign key's index instead. On PostgreSQL {@code delivery_subscriber} is the
 * only index on {@code subscriber_id} and stays.
 */
public class V4_2__h2_delivery_one_subscriber_index extends H2OnlyMigration {
    public V4_2__h2_delivery_one_subscriber_index() {
        super("DROP INDEX delivery_subscriber");
    }
}
