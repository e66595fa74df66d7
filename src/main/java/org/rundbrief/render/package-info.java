/**
 * Rendering: turning a planned edition into each subscriber's message. Entry point:
 * {@link org.rundbrief.render.EditionMessages}, the {@link org.rundbrief.delivery.MessageSource} the
 * queue asks for a page of messages. It reads the page's recipients (confirmed ones only,
 * {@link org.rundbrief.render.Recipients}) and every delivery's new article ids in one query each,
 * so an unsubscribe is seen when the page is claimed: at the rate limit up to ~22 s before the
 * message (a page, plus the half page queued ahead of it), unthrottled well under a second.
 * Each digest shape (edition, article ids, language, named or not) is rendered once by
 * {@link org.rundbrief.render.DigestRenderer} and the personal values are filled in per subscriber
 * ({@link org.rundbrief.render.DigestShapes}); a message filled in is byte for byte the message a
 * full render gives, or the shape is rendered in full. {@link org.rundbrief.render.DigestPreview}
 * and {@link org.rundbrief.render.WebVersions} render the same digest for the preview and the web
 * version.
 */
package org.rundbrief.render;
