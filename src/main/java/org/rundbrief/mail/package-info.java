/**
 * Mail: building MIME messages. {@link org.rundbrief.mail.MessageBuilder} turns an
 * {@link org.rundbrief.mail.OutgoingMail} (text and HTML part, headers) into a multipart/alternative
 * UTF-8 message with every header a list mail needs; {@link org.rundbrief.mail.MailText} and
 * {@link org.rundbrief.mail.QuotedPrintable} encode the parts once, so a digest's fixed lines are not
 * encoded again per recipient. {@link org.rundbrief.mail.EmailAddress} is the checked address every
 * package uses. With DKIM set up, the builder has {@link org.rundbrief.dkim.DkimSigner} sign the
 * finished message. Nothing here opens a connection; that is {@link org.rundbrief.smtp}.
 */
package org.rundbrief.mail;
