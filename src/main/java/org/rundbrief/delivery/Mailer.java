package org.rundbrief.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.rundbrief.config.Config;

/** The configured mail session and message builder, shared by the postman and the delivery workers. */
public final class Mailer {
    private static final Duration PROBE_CACHE = Duration.ofSeconds(30);
    private final Session session;
    private final MessageBuilder builder;
    private final String listAddress;
    private volatile long probedAt;
    private volatile Optional<String> lastProbe = Optional.empty();

    private Mailer(Session session, MessageBuilder builder, String listAddress) {
        this.session = session;
        this.builder = builder;
        this.listAddress = listAddress;
    }

    public static Mailer create(Config config) {
        return create(config, MailSessions.TIMEOUT);
    }

    /** With a chosen SMTP timeout (connect, read, write). */
    public static Mailer create(Config config, Duration timeout) {
        Session session = MailSessions.create(config.smtp(), timeout);
        String replyTo = config.smtp().replyTo();
        String list = replyTo == null || replyTo.isBlank() ? config.smtp().from() : replyTo;
        try {
            list = new InternetAddress(list).getAddress();
        } catch (jakarta.mail.internet.AddressException e) {
            throw new org.rundbrief.config.ConfigException("key 'smtp.from': " + e.getMessage());
        }
        return new Mailer(session, new MessageBuilder(session, config), list);
    }

    Session session() {
        return session;
    }

    MessageBuilder builder() {
        return builder;
    }

    /** RFC 2369 mailto: unsubscribe link to the list address; the body carries the signed web link. */
    public String unsubscribeMailto(String unsubscribeUrl) {
        return "mailto:" + listAddress + "?subject=unsubscribe&body="
                + URLEncoder.encode(unsubscribeUrl, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Writes the exact MIME message (as it would go over SMTP) to {@code out}, e.g. an .eml file. */
    public void writeEml(OutgoingMail mail, OutputStream out) throws IOException {
        try {
            builder.build(mail).writeTo(out);
        } catch (MessagingException e) {
            throw new IOException("cannot build message: " + e.getMessage(), e);
        }
    }

    /** Whether the SMTP server answers (for /health); empty when fine. Cached for 30 s. */
    public Optional<String> probe() {
        long now = System.nanoTime();
        if (probedAt != 0 && now - probedAt < PROBE_CACHE.toNanos()) {
            return lastProbe;
        }
        Optional<String> result;
        try (Transport t = session.getTransport()) {
            t.connect();
            result = Optional.empty();
        } catch (MessagingException e) {
            result = Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        lastProbe = result;
        probedAt = now;
        return result;
    }
}
