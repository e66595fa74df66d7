/**
 * DKIM (RFC 6376): signing every outgoing message for the club's domain, so receivers can tell
 * it really comes from there (Gmail and Yahoo require it of bulk senders, and RFC 8058 one-click
 * unsubscribing counts only when the List-Unsubscribe headers are signed).
 * {@link org.rundbrief.dkim.DkimSigner} signs the header lines and body bytes a message is
 * written with: rsa-sha256, and ed25519-sha256 beside it when a second key is set (RFC 8463),
 * both with relaxed/relaxed canonicalization ({@link org.rundbrief.dkim.Relaxed}).
 * {@link org.rundbrief.dkim.DkimKeys} reads the keys once at start (a bad key is a config error
 * naming its key); {@link org.rundbrief.dkim.KeyGenerator} makes a key pair and the DNS record.
 *
 * <p>Why no library: the Java DKIM libraries sign a {@code MimeMessage} by writing it out and
 * parsing it again for every message (utils-mail-dkim copies it, Apache jDKIM reads it back with
 * mime4j), and neither signs with Ed25519. Our messages are prepared bytes already, so signing is
 * one pass over the body and one signature per key through the JCA ({@link
 * org.rundbrief.dkim.SigningEngine}: native code where it loads, the JDK's own elsewhere). dkimpy, an
 * independent implementation, verifies what this package signs (test {@code DkimSignatureTest}).
 * Nothing here knows about MIME or SMTP.
 */
package org.rundbrief.dkim;
