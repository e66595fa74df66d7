/**
 * Editions: planning which articles go to whom. Entry point:
 * {@link org.rundbrief.edition.EditionSender}, which plans the due edition of a cadence
 * ({@link org.rundbrief.edition.EditionPlanner}) and hands its deliveries to the queue. The
 * what-is-new rule lives in {@code sql/edition.sql}: an article is new for a subscriber when it
 * was collected after their watermark ({@code delivered_until}), matches their topics and was
 * published within {@code delivery.maxAgeDays}. Planning freezes the article set and queues
 * deliveries in windows of subscriber ids, moving watermarks in the same transaction. Turning an
 * edition into messages is {@link org.rundbrief.render}.
 */
package org.rundbrief.edition;
