package org.rundbrief.delivery;

/**
 * Sends single messages right away (confirmation, welcome, goodbye mails), outside the
 * digest queue. Returns the Message-ID it used. Implemented over SMTP in this package.
 */
public interface Postman {
    String send(OutgoingMail mail) throws MailFailure;
}
