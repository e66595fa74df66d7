package org.rundbrief.smtp;

import org.rundbrief.mail.OutgoingMail;

/**
 * Sends a single message right away, outside the queues: only for an answer a person waits for
 * (the admin's test send of an edition). Mail caused by a change (confirmation, welcome, …) goes
 * through the outbox instead ({@code delivery.Outbox}). Returns the Message-ID it used.
 */
public interface Postman {
    String send(OutgoingMail mail) throws MailFailure;
}
