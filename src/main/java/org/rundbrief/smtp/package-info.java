/**
 * SMTP: speaking to the configured mail server. {@link org.rundbrief.smtp.SmtpClient} is the
 * project's own pipelining client (EHLO, STARTTLS/TLS, AUTH, one round trip per message), with
 * {@link org.rundbrief.smtp.DotStuffedOutputStream} for the DATA body and
 * {@link org.rundbrief.smtp.WatchedSocket} / {@link org.rundbrief.smtp.WriteWatchdog} so a stalled
 * server cannot hold a sender forever. {@link org.rundbrief.smtp.SmtpConnection} keeps one
 * connection open across messages; {@link org.rundbrief.smtp.SmtpPostman} sends a single message
 * over a connection of its own (the admin's test send); {@link org.rundbrief.smtp.Mailer} holds
 * the server settings and the message builder and checks the server for {@code /health}. Failures are
 * {@link org.rundbrief.smtp.MailFailure}s that say whether they are permanent (5xx) or worth a retry.
 */
package org.rundbrief.smtp;
