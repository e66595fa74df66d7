/**
 * Subscribers: who gets mail, and the proof that they asked for it.
 *
 * <p>{@link org.rundbrief.subscriber.SubscriberStore} is the only class with subscriber SQL
 * ({@code sql/subscriber.sql}); other packages read through {@code byId}, {@code byEmail} and
 * {@code forEachConfirmed(cadence, ...)}. Every path that creates or changes a subscriber (form,
 * CSV import, CLI, preferences page) checks its input with {@link org.rundbrief.subscriber.Choices}
 * and writes a consent-log row for each state change.
 *
 * <p>States: pending (double opt-in mail sent) → confirmed ({@code confirmed_at} and the
 * what-is-new watermark {@code delivered_until} set to the same instant) → unsubscribed.
 * Pending subscribers who do not confirm within {@value org.rundbrief.subscriber.SubscriberService#PENDING_DAYS}
 * days are deleted by {@code purgeExpired()}. Forgotten addresses leave only a keyed hash in the
 * suppression list, which subscribe and import respect.
 *
 * <p>The CSV import streams: one record at a time, stored in transactions of 1000 rows; memory
 * does not grow with the file (duplicates within a file are tracked as 64-bit hashes).
 */
package org.rundbrief.subscriber;
