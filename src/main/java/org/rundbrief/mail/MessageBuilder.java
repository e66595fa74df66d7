package org.rundbrief.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.rundbrief.config.Config;
import org.rundbrief.dkim.DkimSigner;

/**
 * Turns an {@link OutgoingMail} into a MIME message with every header a list mail needs:
 * multipart/alternative (text, then HTML; RFC 2046 puts the preferred part last), UTF-8, unique
 * Message-ID, Date, From/Reply-To, List-Id (RFC 2919), List-Unsubscribe (RFC 2369, https and
 * mailto) and List-Unsubscribe-Post (RFC 8058); Feedback-ID and Auto-Submitted as its
 * {@link Campaign} says; a DKIM signature when a {@link DkimSigner} is given. Header text is stripped of control characters
 * and RFC 2047-encoded by Jakarta Mail, so no caller text can start a new header line. The body
 * is built once as bytes ({@link PreparedMessage}): the same bytes Jakarta Mail's multipart would
 * write, without building and walking a tree of body parts per recipient (issue 5).
 */
public final class MessageBuilder {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] TEXT_HEADERS = partHeaders("text/plain; charset=UTF-8");
    private static final byte[] HTML_HEADERS = partHeaders("text/html; charset=UTF-8");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress replyTo;
    private final String listId;
    private final String idDomain;
    /** The sender's domain: the last part of every Feedback-ID. */
    private final String club;
    private final String fromHeader;
    private final String replyToHeader;
    /** Part of every boundary, as Jakarta Mail's: which builder made it. */
    private final int boundaryKey = System.identityHashCode(this);
    private final AtomicLong parts = new AtomicLong();
    /**
     * Message-IDs are this builder's random part (unique across processes and restarts) and a
     * counter: no secure random number per message, which read /dev/urandom under a lock.
     */
    private final String idPrefix = UUID.randomUUID() + ".";
    private final AtomicLong messageIds = new AtomicLong();
    private volatile Header lastSubject;
    private volatile Header lastDate;

    private final ReturnPath returnPath;
    /** Null: messages go out unsigned. */
    private final DkimSigner dkim;

    public MessageBuilder(Session session, Config config) {
        this(session, config, ReturnPath.FROM, null);
    }

    /** With each message's envelope sender, and its DKIM signer ({@code dkim} null: unsigned). */
    public MessageBuilder(Session session, Config config, ReturnPath returnPath, DkimSigner dkim) {
        this.session = session;
        this.returnPath = returnPath;
        this.dkim = dkim;
        this.from = address("smtp.from", config.smtp().from());
        this.replyTo = config.smtp().replyTo() == null || config.smtp().replyTo().isBlank()
                ? null : address("smtp.replyTo", config.smtp().replyTo());
        this.idDomain = URI.create(config.site().baseUrl()).getHost();
        this.club = domain(from.getAddress());
        this.listId = listLabel(config.site().title()) + " <" + listIdentifier(from.getAddress()) + ">";
        try { // the address headers exactly as setFrom and setReplyTo write them (RFC 2047, folded)
            MimeMessage addresses = new MimeMessage(session);
            addresses.setFrom(from);
            if (replyTo != null) {
                addresses.setReplyTo(new InternetAddress[] {replyTo});
            }
            this.fromHeader = addresses.getHeader("From", null);
            this.replyToHeader = addresses.getHeader("Reply-To", null);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot write the From header: " + e.getMessage(), e);
        }
    }

    public PreparedMessage build(OutgoingMail mail) throws MessagingException {
        String boundary = "----=_Part_" + parts.getAndIncrement() + "_" + boundaryKey + "." + System.currentTimeMillis();
        byte[] body = alternative(boundary, mail.textPart(), mail.htmlPart());
        PreparedMessage msg = new PreparedMessage(session, body, returnPath.of(mail.bounceReference()));
        // InternetHeaders writes the standard headers in RFC 5322's order whatever the order here.
        msg.setHeader("From", fromHeader);
        if (replyToHeader != null) {
            msg.setHeader("Reply-To", replyToHeader);
        }
        try {
            String name = mail.toName() == null ? null : headerText(mail.toName());
            msg.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to().ascii(),
                    name == null || name.isBlank() ? null : name, "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        msg.setHeader("Subject", subject(mail.subject()));
        msg.setHeader("Date", date());
        msg.setHeader("Message-ID", "<" + idPrefix + messageIds.incrementAndGet() + "@" + idDomain + ">");
        msg.setHeader("MIME-Version", "1.0");
        // folded before the parameter as Jakarta Mail's ContentType does (RFC 5322 2.2.3)
        msg.setHeader("Content-Type", "multipart/alternative; \r\n\tboundary=\"" + boundary + "\"");
        msg.setHeader("List-Id", listId);
        msg.setHeader("List-Unsubscribe", "<" + checkedUrl(mail.unsubscribeUrl()) + ">, <"
                + checkedUrl(mail.unsubscribeMailto()) + ">");
        // RFC 8058: the POST body a mail client sends is exactly "List-Unsubscribe=One-Click".
        msg.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        if (mail.webUrl() != null) {
            msg.setHeader("Archived-At", "<" + checkedUrl(mail.webUrl()) + ">");
        }
        Campaign campaign = mail.campaign();
        if (campaign.transactional()) {
            // RFC 3834 5: sent by a process, not a person; out-of-office responders leave it alone.
            msg.setHeader("Auto-Submitted", "auto-generated");
        }
        if (!campaign.id().isEmpty()) {
            // Gmail's feedback loop: "campaign:list:sender", each counted on its own.
            msg.setHeader("Feedback-ID", campaign.id() + ":" + campaign.list() + ":" + club);
        }
        if (dkim != null) {
            msg.sign(dkim.sign(Collections.list(msg.getAllHeaderLines()), body));
        }
        return msg.seal();
    }

    /**
     * The body of a multipart/alternative message (RFC 2046 5.1): text, then HTML (the preferred
     * part last), each UTF-8 and quoted-printable encoded ({@link MailText}; RFC 2045 6.7: short
     * lines, German text mostly readable), laid out byte for byte as Jakarta Mail's
     * {@code MimeMultipart} writes it. The boundary holds "=_", which quoted-printable text can
     * never contain ("=" is always followed by two hex digits or a line break).
     */
    private static byte[] alternative(String boundary, MailText text, MailText html) {
        byte[] delimiter = ("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] close = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        List<byte[]> chunks = new ArrayList<>(64);
        chunks.add(delimiter);
        chunks.add(TEXT_HEADERS);
        text.quotedPrintable(chunks);
        chunks.add(CRLF);
        chunks.add(delimiter);
        chunks.add(HTML_HEADERS);
        html.quotedPrintable(chunks);
        chunks.add(CRLF);
        chunks.add(close);
        return Bytes.concat(chunks);
    }

    /** The Date header (RFC 5322 3.3) as {@link MimeMessage#setSentDate} writes it, formatted once a second. */
    private String date() {
        long second = System.currentTimeMillis() / 1000;
        Header last = lastDate;
        if (last != null && last.text().equals(Long.toString(second))) {
            return last.encoded();
        }
        String formatted = new MailDateFormat().format(new Date(second * 1000));
        lastDate = new Header(Long.toString(second), formatted);
        return formatted;
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

    /**
     * The RFC 2919 list label: a quoted string, or RFC 2047 encoded words when the title is not
     * ASCII (a header may not carry raw 8-bit text, RFC 5322 2.2; before, „quotes“ went out as raw
     * UTF-8, which the prepared header lines would now have mangled).
     */
    private static String listLabel(String title) {
        String label = headerText(title).replace("\"", "'");
        if (label.chars().allMatch(c -> c < 0x7f)) {
            return "\"" + label + "\"";
        }
        try {
            return MimeUtility.fold(9, MimeUtility.encodeWord(label, "UTF-8", "Q"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /**
     * The list's identifier (RFC 2919 2): the From address with its "@" made a dot
     * ({@code news@example.org} → {@code news.example.org}), as mailing list software names a
     * list after its address; characters a dot-atom cannot hold become "-".
     */
    static String listIdentifier(String fromAddress) {
        int at = fromAddress.lastIndexOf('@');
        String local = fromAddress.substring(0, at).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        return local + "." + domain(fromAddress);
    }

    /** The address's domain in ASCII (IDNA), lower case. */
    private static String domain(String address) {
        return java.net.IDN.toASCII(address.substring(address.lastIndexOf('@') + 1)).toLowerCase(java.util.Locale.ROOT);
    }

    private static byte[] partHeaders(String type) {
        return ("Content-Type: " + type + "\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A header value before and after encoding. */
    private record Header(String text, String encoded) {}

    /**
     * Any text destined for a header: RFC 2047 encoded words are decoded first (else a CR/LF could
     * hide in one and reach readers that decode it), then control characters (CR, LF, TAB, NUL ...)
     * become spaces; the header encoding afterwards is ours.
     */
    public static String headerText(String s) {
        if (s == null) {
            return "";
        }
        String decoded;
        try {
            decoded = s.contains("=?") ? MimeUtility.decodeText(s) : s;
        } catch (UnsupportedEncodingException e) {
            decoded = s; // an unknown charset in an encoded word: the text stays as typed, which is harmless
        }
        return CONTROL.matcher(decoded).replaceAll(" ").strip();
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
