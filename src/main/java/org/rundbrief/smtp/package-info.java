/**
 * SMTP: speaking to the configured mail server. {@link org.rundbrief.smtp.SmtpClient} is the
 * project's own pipelining client (EHLO, STARTTLS/TLS, AUTH, one round trip per message), with
 * {@link org.rundbrief.smtp.DotStuffedOutputStream} for the DATA body and
 * {@link org.rundbrief.smtp.WatchedSocket} / {@link org.rundbrief.smtp.WriteWatchdog} so a stalled
 * server cannot hold a sender forever. {@link org.rundbrief.smtp.SmtpConnection} keeps one
 * connection open across messages; {@link org.rundbrief.smtp.Mailer} and
 * {@link org.rundbrief.smtp.SmtpPostman} send single messages. Failures are
 * {@link org.rundbrief.smtp.MailFailure}s that say whether they are permanent (5xx) or worth a retry.
 */
package org.rundbrief.smtp;
