/**
 * Editions: planning which articles go to whom and rendering each subscriber's digest. The
 * what-is-new rule of DESIGN.md lives in {@code sql/edition.sql}: an article is new for a
 * subscriber when it was collected after their watermark ({@code delivered_until}), matches their
 * topics and was published within {@code delivery.maxAgeDays}. Planning freezes the article set
 * and queues deliveries in windows of subscriber ids, moving watermarks in the same transaction.
 * The sender claims a page of deliveries at a time; {@link org.rundbrief.edition.EditionMessages}
 * reads the page's recipients (confirmed ones only) and every delivery's new article ids in one
 * query each, so an unsubscribe is seen when the page is claimed: at the rate limit up to ~22 s before
 * the message (a page, plus the half page queued ahead of it), unthrottled well under a second.
 * Sending renders each digest shape (edition, article ids, language, named or not) once and fills
 * in the personal values per subscriber ({@link org.rundbrief.edition.DigestShapes}); a message
 * filled in is byte for byte the message a full render gives, or the shape is rendered in full.
 */
package org.rundbrief.edition;
