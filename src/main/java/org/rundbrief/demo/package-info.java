/**
 * The zero-config demo: a fresh folder under {@code ./data/demo}, sample articles dated relative to
 * today and an embedded GreenMail SMTP server whose messages the {@code /dev/mailbox} page shows.
 */
package org.rundbrief.demo;
