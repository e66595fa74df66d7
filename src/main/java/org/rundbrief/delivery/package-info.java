/**
 * Delivery: the queue of (edition, subscriber) rows in the database and the worker pool that works
 * it. Entry point: {@link org.rundbrief.delivery.DeliveryRunner}: its
 * {@link org.rundbrief.delivery.DeliveryReader} leases the due rows and hands them to the
 * {@link org.rundbrief.delivery.Sender}s (one SMTP connection each), and
 * {@link org.rundbrief.delivery.Outcomes} records what became of each message. Rows are claimed by leasing their
 * blocks shortly before their messages go out, and each message is recorded as sent
 * ({@link org.rundbrief.delivery.SentMarks}) before its sender takes the next row, so a crash
 * re-sends at most the messages on the wire. The message itself is built by
 * {@link org.rundbrief.mail} and spoken to the server by {@link org.rundbrief.smtp}; other packages
 * hand in a {@link org.rundbrief.delivery.MessageSource}.
 *
 * <p>Beside it, the outbox of transactional mail: {@link org.rundbrief.delivery.Outbox} stores a
 * built message in the transaction of the change that causes it, and
 * {@link org.rundbrief.delivery.OutboxSender} sends it with the runner's server and rate limit,
 * the same retry rules and the same bounce handling.
 */
package org.rundbrief.delivery;
