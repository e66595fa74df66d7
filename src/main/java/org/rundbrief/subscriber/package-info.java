/**
 * Subscribers: who gets mail, and the proof that they asked for it.
 *
 * <p>{@link org.rundbrief.subscriber.SubscriberStore} writes all subscriber data
 * ({@code sql/subscriber.sql}) but the what-is-new watermark, which planning moves with each digest
 * it queues ({@code sql/edition.sql}); the admin's overviews in {@code sql/admin.sql} only read; other
 * packages read through {@code byId} and {@code byEmail}, and build member links with
 * {@link org.rundbrief.subscriber.Tokens} ({@code unsubscribeUrl}, {@code preferencesUrl}).
 * Every path that creates or changes a subscriber (form, CSV import, CLI, preferences page) checks
 * its input with {@link org.rundbrief.subscriber.Choices} (CR/LF and other control characters are
 * refused in every field) and writes a consent-log row (action, origin, IP, user agent, note) for
 * each state change.
 *
 * <p>States: pending (double opt-in mail sent) → confirmed ({@code confirmed_at} and the
 * what-is-new watermark {@code delivered_until} set to the same instant) → unsubscribed.
 * Pending subscribers who do not confirm within {@value org.rundbrief.subscriber.SubscriberService#PENDING_DAYS}
 * days (a constant, not a config key) after their confirmation mail went out (not while it waits
 * in the outbox) can no longer confirm, and
 * {@link org.rundbrief.subscriber.SubscriberService#purgeExpired()} deletes them. Forgotten
 * addresses leave only a keyed hash (HMAC with the installation secret) in the suppression list,
 * which subscribe, admin add and import respect; their consent rows stay without IP, user agent
 * or link to a person.
 *
 * <p>Tokens are HMAC-SHA256 over purpose, sealed subscriber id and link key, expiry and detail;
 * nothing is stored for them but the member's link key, whose raise revokes every link mailed
 * before ({@link org.rundbrief.subscriber.SubscriberService#follow} checks it). The secret is
 * {@code security.secret}, or one generated once into the {@code setting} table.
 *
 * <p>The CSV import streams: one record at a time, parsed and checked on a reading thread a chunk or two ahead, stored
 * in transactions of 1,000 rows, set-based: on H2 look-ups and JDBC batches (the CLI tunes H2 for the
 * import's length: {@link org.rundbrief.store.BulkWrite}), on PostgreSQL a COPY into a staging table
 * and one insert of what is new ({@link org.rundbrief.store.PostgresCopy}); memory
 * does not grow with the file beyond 64-bit hashes of the addresses seen (for duplicate reports).
 *
 * <p>The member search's words ({@link org.rundbrief.subscriber.SearchWords}, table
 * {@code subscriber_word}) are not written by the import or the form: {@link
 * org.rundbrief.subscriber.SearchWordsCatchUp} writes those of the members above a mark in the
 * background of {@code serve}; a change or deletion of a member below the mark rewrites or deletes
 * theirs in its own transaction (the table has no foreign key that would).
 */
package org.rundbrief.subscriber;
