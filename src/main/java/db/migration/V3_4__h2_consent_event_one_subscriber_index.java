package db.migration;

/**
 * H2 only ({@link H2OnlyMigration}): drops the index {@code consent_event_subscriber (subscriber_id,
 * at)} of V1, because on H2 it is the second index on {@code subscriber_id} beside the foreign key's
 * own (the two-column one does not count as the key's index for H2). Every consent row (one per
 * imported subscriber) wrote both, issue #4's import paid for the duplicate. The consent log of one
 * member is a handful of rows: found through the foreign key's index and sorted by {@code at} in
 * memory. On PostgreSQL {@code consent_event_subscriber} is the only one and stays.
 */
public class V3_4__h2_consent_event_one_subscriber_index extends H2OnlyMigration {
    public V3_4__h2_consent_event_one_subscriber_index() {
        super("DROP INDEX consent_event_subscriber");
    }
}
