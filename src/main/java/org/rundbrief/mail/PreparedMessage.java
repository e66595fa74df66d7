package org.rundbrief.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

/**
 * A MIME message whose body is already the bytes that go on the wire (the multipart with its
 * encoded parts, built by {@link MessageBuilder}), so sending it is writing the header lines and
 * one array: no tree of body parts to update and walk for every recipient. Its headers answer
 * what the transport and our code ask ({@code getFrom}, {@code getAllRecipients},
 * {@code getMessageID}), and {@code getContent} parses the body as for a received message.
 * It carries its envelope sender (VERP) and its DKIM signatures beside the headers.
 */
public final class PreparedMessage extends MimeMessage {
    /** Reads stored header lines as UTF-8, as {@link #writeTo} wrote them (RFC 6532). */
    private static final Session STORED = Session.getInstance(props("mail.mime.allowutf8", "true"));
    private final String envelopeFrom;
    private List<String> signatures = List.of();

    PreparedMessage(Session session, byte[] body, String envelopeFrom) {
        super(session);
        content = body;
        this.envelopeFrom = envelopeFrom;
    }

    private PreparedMessage(byte[] stored, String envelopeFrom) throws MessagingException {
        super(STORED, new ByteArrayInputStream(stored)); // headers parsed, the body kept as bytes
        this.envelopeFrom = envelopeFrom;
    }

    /** A message stored as its {@link #text} (the outbox), to be sent with its envelope sender. */
    public static PreparedMessage stored(String text, String envelopeFrom) throws MessagingException {
        return new PreparedMessage(text.getBytes(StandardCharsets.UTF_8), envelopeFrom);
    }

    /** The message exactly as it goes over SMTP (before dot-stuffing), as text to store. */
    public String text() throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("cannot write message: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Properties props(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
    }

    /**
     * The envelope sender (RFC 5321 MAIL FROM), where bounces go; null: the From address. Not a
     * header: it travels with the message to the SMTP client.
     */
    public String envelopeFrom() {
        return envelopeFrom;
    }

    /**
     * Adds DKIM-Signature fields (RFC 6376), written above every other header field; they sign
     * the header lines and body as they stand, so they are added last.
     */
    void sign(List<String> fields) {
        signatures = List.copyOf(fields);
    }

    /** The DKIM-Signature fields, as written (folded); empty when the message is not signed. */
    public List<String> signatures() {
        return signatures;
    }

    /** Marks the headers as final (also for {@link MimeMessage}'s own methods: saved, unmodified). */
    PreparedMessage seal() {
        saved = true;
        modified = false;
        return this;
    }

    /**
     * The header lines, a blank line and the prepared body. Header lines go out as UTF-8, as
     * Jakarta Mail's body-part writer wrote them before (MimeMessage's own writer would turn any
     * non-ASCII character into one wrong byte): everything we write is ASCII but for the local
     * part of an internationalised address (RFC 6532 3.2), which has no other form.
     */
    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException, MessagingException {
        StringBuilder head = new StringBuilder(1024);
        for (String signature : signatures) {
            head.append(signature).append("\r\n");
        }
        for (Enumeration<String> lines = getNonMatchingHeaderLines(ignoreList); lines.hasMoreElements(); ) {
            head.append(lines.nextElement()).append("\r\n");
        }
        head.append("\r\n");
        os.write(head.toString().getBytes(StandardCharsets.UTF_8));
        os.write(content);
        os.flush();
    }

    /** Headers and body were made together and are final; nothing to derive from a content tree. */
    @Override
    public void saveChanges() {}
}
