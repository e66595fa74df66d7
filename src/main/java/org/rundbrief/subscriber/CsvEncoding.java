package org.rundbrief.subscriber;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * Turns the bytes of a member list into text the way a spreadsheet wrote them. Excel saves
 * "CSV UTF-8" with a byte order mark, plain "CSV" in Windows-1252 on a German Windows, and
 * "Unicode text" as UTF-16 with a byte order mark. Without a mark the first {@value #SNIFF} bytes
 * decide: valid UTF-8 is read as UTF-8, anything else as Windows-1252 (a superset of ISO-8859-1
 * with €, „ and “). UTF-8 is always decoded strictly: a wrong byte further on stops the import with
 * a hint instead of importing "K\uFFFDhler" and mailing it.
 */
public final class CsvEncoding {
    /** Bytes looked at before deciding; member lists of a club are far shorter. */
    static final int SNIFF = 1 << 20;
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** The text of a CSV and the character set it was read with; {@code guessed} when not UTF-8 by a mark or by its bytes. */
    public record Decoded(Reader reader, Charset charset, boolean guessed) {}

    private CsvEncoding() {}

    /** Parses {@code --encoding}: utf-8, windows-1252, iso-8859-15, latin1, cp1252 ... */
    public static Charset parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("latin1") || n.equals("latin-1")) {
            n = "iso-8859-1";
        }
        try {
            return Charset.forName(n);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("--encoding: unknown character set '" + name
                    + "' (use utf-8, windows-1252 or iso-8859-15)");
        }
    }

    /** Reads {@code in} with {@code chosen}, or detects the character set when {@code chosen} is null. */
    public static Decoded open(InputStream in, Charset chosen) throws IOException {
        byte[] head = in.readNBytes(SNIFF);
        InputStream all = new SequenceInputStream(new ByteArrayInputStream(head), in);
        Charset charset = chosen;
        boolean guessed = false;
        if (charset == null) {
            if (startsWith(head, 0xFE, 0xFF) || startsWith(head, 0xFF, 0xFE)) {
                charset = StandardCharsets.UTF_16; // reads the mark and drops it
            } else if (validUtf8(head, head.length == SNIFF)) {
                charset = StandardCharsets.UTF_8;
            } else {
                charset = WINDOWS_1252;
                guessed = true;
            }
        }
        Reader reader = charset.equals(StandardCharsets.UTF_8) ? new StrictUtf8(all) : new InputStreamReader(all, charset);
        return new Decoded(reader, charset, guessed);
    }

    private static boolean startsWith(byte[] b, int first, int second) {
        return b.length >= 2 && (b[0] & 0xFF) == first && (b[1] & 0xFF) == second;
    }

    /** True when the bytes are UTF-8; a sequence cut at the end of a truncated head counts as valid. */
    static boolean validUtf8(byte[] bytes, boolean truncated) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = d.decode(in, out, !truncated);
            if (r.isError()) {
                return false;
            }
            if (r.isOverflow()) {
                out.clear();
            } else {
                return true; // underflow: everything decoded, or only a cut sequence is left
            }
        }
    }

    /**
     * Strict UTF-8 that knows its line: the JDK's reader drops the characters decoded before a bad
     * byte and cannot say where it was, so the person importing would not know which row to fix.
     */
    private static final class StrictUtf8 extends Reader {
        private final InputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
        private boolean eof;
        private boolean flushed;
        private long line = 1;
        private NotUtf8 pending;

        StrictUtf8(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            CharBuffer out = CharBuffer.wrap(cbuf, off, len);
            while (out.position() == off) {
                if (pending != null) {
                    throw pending;
                }
                CoderResult r = decoder.decode(bytes, out, eof);
                if (r.isError()) {
                    pending = new NotUtf8(line + newlines(cbuf, off, out.position()));
                } else if (r.isOverflow()) {
                    break;
                } else if (eof) {
                    if (flushed || decoder.flush(out).isUnderflow() && (flushed = true) && out.position() == off) {
                        return -1;
                    }
                } else {
                    bytes.compact();
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        eof = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                    bytes.flip();
                }
            }
            line += newlines(cbuf, off, out.position());
            return out.position() - off;
        }

        private static long newlines(char[] c, int from, int to) {
            long n = 0;
            for (int i = from; i < to; i++) {
                if (c[i] == '\n') {
                    n++;
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A coding error with a message for the person importing (the JDK's says "Input length = 1"). */
    static final class NotUtf8 extends CharacterCodingException {
        private final long line;

        NotUtf8(long line) {
            this.line = line;
        }

        @Override
        public String getMessage() {
            return "line " + line + ": the file is not valid UTF-8 here; if Excel saved it as plain CSV, import it "
                    + "with --encoding windows-1252";
        }
    }
}
