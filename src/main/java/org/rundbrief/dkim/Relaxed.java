package org.rundbrief.dkim;

import java.security.MessageDigest;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The "relaxed" canonicalization of RFC 6376 3.4.2 (headers) and 3.4.4 (body): what a signer
 * and a verifier agree to hash, so that a relay re-folding a header or trimming a line's end
 * does not break the signature.
 */
final class Relaxed {
    private static final byte SP = ' ';
    private static final byte TAB = '\t';
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final Pattern BLANKS = Pattern.compile("[ \t]+");
    private static final Pattern BLANKS_AT_ENDS = Pattern.compile("^[ \t]+|[ \t]+$");

    private Relaxed() {}

    /**
     * One header field (name, colon, value; folded with CRLF or not): the name in lower case, the
     * value unfolded, each run of spaces and tabs one space, none at the value's ends, and no
     * space around the colon. Without the closing CRLF.
     */
    static String header(String field) {
        int colon = field.indexOf(':');
        String name = BLANKS_AT_ENDS.matcher(field.substring(0, colon)).replaceAll("").toLowerCase(Locale.ROOT);
        String value = BLANKS.matcher(field.substring(colon + 1).replace("\r\n", "").replace("\n", ""))
                .replaceAll(" ");
        return name + ":" + BLANKS_AT_ENDS.matcher(value).replaceAll("");
    }

    /**
     * Feeds the relaxed form of {@code body} (CRLF line ends) into {@code digest}: spaces and tabs
     * at a line's end removed, each run of them inside a line one space, empty lines at the end
     * removed, and a non-empty body ending with CRLF. One pass; the relaxed bytes reach the digest
     * in chunks of {@value Chunks#SIZE} (a native digest pays per call, not per byte).
     */
    static void body(byte[] body, MessageDigest digest) {
        int end = body.length;
        // Only the bytes up to the last non-empty line count: trailing empty lines (and blanks) go.
        while (end > 0 && isBlankOrLineEnd(body[end - 1])) {
            end--;
        }
        Chunks out = new Chunks(digest);
        int lineStart = 0;
        for (int i = 0; i < end; i++) {
            if (body[i] == LF) {
                line(body, lineStart, i, out);
                lineStart = i + 1;
            }
        }
        if (end > 0) {
            line(body, lineStart, end, out);
        }
        out.flush();
    }

    /** One line from {@code from} up to {@code to} (its LF or the body's end, exclusive), relaxed, plus CRLF. */
    private static void line(byte[] body, int from, int to, Chunks out) {
        int end = to;
        while (end > from && isBlankOrLineEnd(body[end - 1])) {
            end--;
        }
        int run = from;
        int i = from;
        while (i < end) {
            // A single space stays as it is; a tab or a run of blanks becomes one space.
            if (body[i] == TAB || body[i] == SP && (body[i + 1] == SP || body[i + 1] == TAB)) {
                out.write(body, run, i - run);
                out.write(SP);
                while (body[i] == SP || body[i] == TAB) {
                    i++;
                }
                run = i;
            } else {
                i++;
            }
        }
        out.write(body, run, end - run);
        out.write(CR);
        out.write(LF);
    }

    /** Bytes on their way to a digest, passed on a full buffer at a time. */
    private static final class Chunks {
        static final int SIZE = 8192;
        private final MessageDigest digest;
        private final byte[] buffer = new byte[SIZE];
        private int used;

        Chunks(MessageDigest digest) {
            this.digest = digest;
        }

        void write(byte b) {
            if (used == SIZE) {
                flush();
            }
            buffer[used++] = b;
        }

        void write(byte[] bytes, int from, int length) {
            if (length > SIZE - used) {
                flush();
                if (length > SIZE) {
                    digest.update(bytes, from, length);
                    return;
                }
            }
            System.arraycopy(bytes, from, buffer, used, length);
            used += length;
        }

        void flush() {
            digest.update(buffer, 0, used);
            used = 0;
        }
    }

    private static boolean isBlankOrLineEnd(byte b) {
        return b == SP || b == TAB || b == CR || b == LF;
    }
}
