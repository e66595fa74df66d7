package org.rundbrief.delivery;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.PreencodedMimeBodyPart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;
import java.util.regex.Pattern;
import org.rundbrief.config.Config;

/**
 * Turns an {@link OutgoingMail} into a MIME message with every header DESIGN.md requires:
 * multipart/alternative (text, then HTML; RFC 2046 puts the preferred part last), UTF-8, unique
 * Message-ID, Date, From/Reply-To, List-Id (RFC 2919), List-Unsubscribe (RFC 2369, https and
 * mailto) and List-Unsubscribe-Post (RFC 8058). Header text is stripped of control characters
 * and RFC 2047-encoded by Jakarta Mail, so no caller text can start a new header line.
 */
public final class MessageBuilder {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress replyTo;
    private final String listId;
    private final String idDomain;
    private volatile Header lastSubject;

    public MessageBuilder(Session session, Config config) {
        this.session = session;
        this.from = address("smtp.from", config.smtp().from());
        this.replyTo = config.smtp().replyTo() == null || config.smtp().replyTo().isBlank()
                ? null : address("smtp.replyTo", config.smtp().replyTo());
        this.idDomain = URI.create(config.site().baseUrl()).getHost();
        this.listId = "\"" + headerText(config.site().title()).replace("\"", "'") + "\" <news." + idDomain + ">";
    }

    public MimeMessage build(OutgoingMail mail) throws MessagingException {
        String messageId = "<" + UUID.randomUUID() + "@" + idDomain + ">";
        MimeMessage msg = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        msg.setFrom(from);
        if (replyTo != null) {
            msg.setReplyTo(new InternetAddress[] {replyTo});
        }
        try {
            String name = mail.toName() == null ? null : headerText(mail.toName());
            msg.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to().ascii(),
                    name == null || name.isBlank() ? null : name, "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        msg.setHeader("Subject", subject(mail.subject()));
        msg.setSentDate(new Date());
        msg.setHeader("List-Id", listId);
        msg.setHeader("List-Unsubscribe", "<" + checkedUrl(mail.unsubscribeUrl()) + ">, <"
                + checkedUrl(mail.unsubscribeMailto()) + ">");
        // RFC 8058: the POST body a mail client sends is exactly "List-Unsubscribe=One-Click".
        msg.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        if (mail.webUrl() != null) {
            msg.setHeader("Archived-At", "<" + checkedUrl(mail.webUrl()) + ">");
        }

        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(quotedPrintable(mail.text(), "text/plain; charset=UTF-8"));
        alternative.addBodyPart(quotedPrintable(mail.html(), "text/html; charset=UTF-8"));
        msg.setContent(alternative);
        msg.saveChanges();
        return msg;
    }

    /**
     * A UTF-8 text part, quoted-printable encoded here once into a byte array, so the SMTP stream
     * gets it in bulk (Jakarta Mail would encode it byte by byte on the wire, after scanning it
     * once more to choose an encoding), by {@link QuotedPrintable} (its stream encoder cost ~40 µs
     * of a 12 KB digest, bench/README.md). Quoted-printable keeps lines short (RFC 2045 6.7) and
     * German text mostly readable.
     */
    private static MimeBodyPart quotedPrintable(String content, String type) throws MessagingException {
        byte[] encoded = QuotedPrintable.encode(content.getBytes(StandardCharsets.UTF_8));
        MimeBodyPart part = new PreencodedMimeBodyPart("quoted-printable");
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(encoded, type)));
        // After the data handler, which drops both headers: without this one saveChanges scanned the
        // encoded part for 8-bit bytes to choose an encoding that is already chosen.
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        part.setHeader("Content-Type", type);
        return part;
    }

    /**
     * The Subject header as {@link MimeMessage#setSubject(String, String)} writes it (RFC 2047
     * encoded words, folded). Every recipient of a digest shape has the same subject, and the
     * encoding (Jakarta Mail splits it recursively until each word fits) cost more than the rest
     * of the headers: the last one is kept.
     */
    private String subject(String subject) {
        Header last = lastSubject;
        if (last != null && last.text().equals(subject)) {
            return last.encoded();
        }
        try {
            String encoded = MimeUtility.fold(9, MimeUtility.encodeText(headerText(subject), "UTF-8", null));
            lastSubject = new Header(subject, encoded);
            return encoded;
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /** A header value before and after encoding. */
    private record Header(String text, String encoded) {}

    /** Any text destined for a header: control characters (CR, LF, TAB, NUL ...) become spaces. */
    static String headerText(String s) {
        if (s == null) {
            return "";
        }
        return CONTROL.matcher(s).replaceAll(" ").strip();
    }

    /** URLs we built ourselves; still refuse anything that could break the header. */
    private static String checkedUrl(String url) {
        if (url == null || url.isEmpty() || url.chars().anyMatch(ch -> ch <= 0x20 || ch == '<' || ch == '>' || ch >= 0x7f)) {
            throw new IllegalArgumentException("not a header-safe URL: " + url);
        }
        return url;
    }

    private static InternetAddress address(String key, String value) {
        try {
            InternetAddress a = new InternetAddress(value, true);
            if (a.getPersonal() != null) {
                a.setPersonal(a.getPersonal(), "UTF-8");
            }
            return a;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new org.rundbrief.config.ConfigException("key '" + key + "': '" + value + "' is not a mail address: " + e.getMessage());
        }
    }
}
