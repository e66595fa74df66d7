/**
 * Delivery: the queue of (edition, subscriber) rows in the database and the SMTP senders that
 * work it. Rows are claimed by leasing their blocks shortly before their messages go out, and
 * each message is recorded as sent ({@link org.rundbrief.delivery.SentMarks}) before its sender
 * takes the next row, so a crash re-sends at most the messages on the wire. Jakarta Mail is used only here;
 * other packages hand in an {@link org.rundbrief.delivery.OutgoingMail} or a
 * {@link org.rundbrief.delivery.MessageSource}.
 */
package org.rundbrief.delivery;
