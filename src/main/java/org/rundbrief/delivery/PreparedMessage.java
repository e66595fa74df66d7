package org.rundbrief.delivery;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message whose body is already the bytes that go on the wire (the multipart with its
 * encoded parts, built by {@link MessageBuilder}), so sending it is writing the header lines and
 * one array: no tree of body parts to update and walk for every recipient. Its headers answer
 * what the transport and our code ask ({@code getFrom}, {@code getAllRecipients},
 * {@code getMessageID}), and {@code getContent} parses the body as for a received message.
 */
final class PreparedMessage extends MimeMessage {
    PreparedMessage(Session session, byte[] body) {
        super(session);
        content = body;
    }

    /**
     * Marks the headers as final: {@code writeTo} then writes them and the prepared body as they
     * are ({@link MimeMessage} writes {@code content} directly when it is saved and unmodified).
     */
    PreparedMessage seal() {
        saved = true;
        modified = false;
        return this;
    }

    /** Headers and body were made together and are final; nothing to derive from a content tree. */
    @Override
    public void saveChanges() {}
}
