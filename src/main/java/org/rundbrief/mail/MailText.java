package org.rundbrief.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of one part of a message (the HTML or the plain text), with its quoted-printable form.
 * It may be put together from pieces: {@link Lines} are whole lines encoded once and reused by
 * every message that holds them (the fixed lines of a digest shape: issue 5's bench spent a third
 * of its sending CPU encoding the same lines for each recipient), strings are encoded per message.
 * Quoted-printable starts afresh after each line break (RFC 2045 6.7), so encoding the pieces
 * apart gives the same bytes as encoding the whole text; a piece that does not start or end at a
 * line break is encoded together with its neighbours. Equal when the texts are equal.
 */
public final class MailText {
    private final List<Object> pieces;

    private MailText(List<Object> pieces) {
        this.pieces = pieces;
    }

    /** A text encoded when the message is built. */
    public static MailText of(String text) {
        return new MailText(List.of(text));
    }

    /** Builds a text from {@link Lines} and strings, in order. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whole lines that many messages share: their quoted-printable bytes are made once, here. */
    public static final class Lines {
        private final String text;
        private final byte[] encoded;

        private Lines(String text) {
            this.text = text;
            this.encoded = QuotedPrintable.encode(text.getBytes(StandardCharsets.UTF_8));
        }

        public static Lines of(String text) {
            return new Lines(text);
        }

        boolean endsLine() {
            return text.endsWith("\n");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Lines other && text.equals(other.text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public static final class Builder {
        private final List<Object> pieces = new ArrayList<>();

        private Builder() {}

        public Builder add(Lines lines) {
            pieces.add(lines);
            return this;
        }

        public Builder add(String text) {
            if (!text.isEmpty()) {
                pieces.add(text);
            }
            return this;
        }

        public MailText build() {
            return new MailText(List.copyOf(pieces));
        }
    }

    /**
     * Adds the quoted-printable bytes (RFC 2045 6.7, CRLF line breaks) to {@code chunks}: each
     * {@link Lines} piece that starts at a line break and ends with one (or ends the text) as
     * encoded once, the rest encoded now. The message's body is joined from the chunks once.
     */
    void quotedPrintable(List<byte[]> chunks) {
        StringBuilder pending = new StringBuilder();
        for (int i = 0; i < pieces.size(); i++) {
            Object piece = pieces.get(i);
            boolean atLineStart = pending.isEmpty() || pending.charAt(pending.length() - 1) == '\n';
            if (piece instanceof Lines lines && atLineStart && (lines.endsLine() || i == pieces.size() - 1)) {
                encode(pending, chunks);
                chunks.add(lines.encoded);
            } else {
                pending.append(piece);
            }
        }
        encode(pending, chunks);
    }

    private static void encode(StringBuilder text, List<byte[]> chunks) {
        if (!text.isEmpty()) {
            chunks.add(QuotedPrintable.encode(text.toString().getBytes(StandardCharsets.UTF_8)));
            text.setLength(0);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MailText other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** The text itself. */
    @Override
    public String toString() {
        if (pieces.size() == 1) {
            return pieces.get(0).toString();
        }
        StringBuilder text = new StringBuilder();
        pieces.forEach(text::append);
        return text.toString();
    }
}
