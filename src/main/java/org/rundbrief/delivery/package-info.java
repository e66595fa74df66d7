/**
 * Delivery: the queue of (edition, subscriber) rows in the database and the SMTP senders that
 * work it. A row is claimed with a lease right before its message goes out and marked sent right
 * after, so a crash re-sends at most the messages on the wire. Jakarta Mail is used only here;
 * other packages hand in an {@link org.rundbrief.delivery.OutgoingMail} or a
 * {@link org.rundbrief.delivery.MessageSource}.
 */
package org.rundbrief.delivery;
