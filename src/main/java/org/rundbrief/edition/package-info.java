/**
 * Editions: planning which articles go to whom and rendering each subscriber's digest. The
 * what-is-new rule of DESIGN.md lives in {@code sql/edition.sql}: an article is new for a
 * subscriber when it was collected after their watermark ({@code delivered_until}), matches their
 * topics and was published within {@code delivery.maxAgeDays}. Planning freezes the article set
 * and queues deliveries in windows of subscriber ids, moving watermarks in the same transaction.
 * Sending renders each digest shape (edition, article ids, language, named or not) once and fills
 * in the personal values per subscriber ({@link org.rundbrief.edition.DigestShapes}); a message
 * filled in is byte for byte the message a full render gives, or the shape is rendered in full.
 */
package org.rundbrief.edition;
