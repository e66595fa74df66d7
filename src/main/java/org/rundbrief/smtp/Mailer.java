package org.rundbrief.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.rundbrief.config.Config;
import org.rundbrief.dkim.DkimSigner;
import org.rundbrief.mail.MessageBuilder;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.mail.ReturnPath;

/** The configured SMTP server and message builder, shared by the postman and the delivery workers. */
public final class Mailer {
    static {
        // Jakarta Mail looks up its StreamProvider with a ServiceLoader scan of the class path for
        // every body part and every encoder unless this names it: that scan cost more than building
        // the whole message (bench/README.md).
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider",
                "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private static final Duration PROBE_CACHE = Duration.ofSeconds(30);
    private final SmtpServer server;
    private final MessageBuilder builder;
    private final String listAddress;
    private volatile long probedAt;
    private volatile Optional<String> lastProbe = Optional.empty();

    private Mailer(SmtpServer server, MessageBuilder builder, String listAddress) {
        this.server = server;
        this.builder = builder;
        this.listAddress = listAddress;
    }

    public static Mailer create(Config config) {
        return create(config, SmtpServer.TIMEOUT);
    }

    /** With a chosen SMTP timeout (connect, read, write). */
    public static Mailer create(Config config, Duration timeout) {
        return create(config, timeout, ReturnPath.FROM, null);
    }

    /**
     * With the envelope sender of each message's bounces ({@code bounce.address}, VERP) and the
     * DKIM signer of every message (null: unsigned).
     */
    public static Mailer create(Config config, ReturnPath returnPath, DkimSigner dkim) {
        return create(config, SmtpServer.TIMEOUT, returnPath, dkim);
    }

    private static Mailer create(Config config, Duration timeout, ReturnPath returnPath, DkimSigner dkim) {
        // Messages are built with Jakarta Mail; our SmtpClient sends them, so the session needs no settings.
        Session session = Session.getInstance(new Properties());
        String replyTo = config.smtp().replyTo();
        String list = replyTo == null || replyTo.isBlank() ? config.smtp().from() : replyTo;
        try {
            list = new InternetAddress(list).getAddress();
        } catch (jakarta.mail.internet.AddressException e) {
            throw new org.rundbrief.config.ConfigException("key 'smtp.from': " + e.getMessage());
        }
        return new Mailer(SmtpServer.of(config.smtp(), timeout), new MessageBuilder(session, config, returnPath, dkim), list);
    }

    public SmtpServer server() {
        return server;
    }

    public MessageBuilder builder() {
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

    /** Opens a session with the server now (greeting, TLS, login) and closes it; empty when that worked, else why not. */
    public Optional<String> check() {
        try (SmtpClient c = SmtpClient.open(server)) {
            return Optional.empty();
        } catch (IOException | MailFailure e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** Whether the SMTP server answers (for /health); empty when fine. Cached for 30 s. */
    public Optional<String> probe() {
        long now = System.nanoTime();
        if (probedAt != 0 && now - probedAt < PROBE_CACHE.toNanos()) {
            return lastProbe;
        }
        Optional<String> result = check();
        lastProbe = result;
        probedAt = now;
        return result;
    }
}
