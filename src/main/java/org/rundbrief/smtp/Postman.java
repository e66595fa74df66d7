package org.rundbrief.smtp;

import org.rundbrief.mail.OutgoingMail;

/**
 * Sends single messages right away (confirmation, welcome, goodbye mails), outside the
 * digest queue. Returns the Message-ID it used. Implemented over SMTP in this package.
 */
public interface Postman {
    String send(OutgoingMail mail) throws MailFailure;
}
