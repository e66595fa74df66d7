/**
 * Bounces: what comes back after a message left. {@link org.rundbrief.bounce.Verp} gives every
 * message its own signed envelope sender ({@code bounce.address}), so a delivery report names the
 * delivery or transactional mail it is about, and a forged one names nothing.
 * {@link org.rundbrief.bounce.BounceReader} reads the bounce mailbox ({@code bounce.mailbox}, IMAP
 * or POP3) in batches: {@code ReportParser} reads each message (RFC 3464, RFC 5965, plain-text
 * reports, auto-replies), {@code BounceHandler} attributes and acts on it, {@code BounceMailbox}
 * moves what was understood and leaves the rest; {@link org.rundbrief.bounce.BounceStore} keeps
 * the reports.
 */
package org.rundbrief.bounce;
