package org.rundbrief.dkim;

import java.security.MessageDigest;
import java.util.Locale;

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
    /** Each thread's buffer for relaxed bodies; a digest's body is 10-20 KB, so it rarely grows. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    private Relaxed() {}

    /**
     * One header field (name, colon, value; folded with CRLF or not): the name in lower case, the
     * value unfolded, each run of spaces and tabs one space, none at the value's ends, and no
     * space around the colon. Without the closing CRLF. One pass, no patterns: every message
     * signs a dozen of these.
     */
    static String header(String field) {
        int colon = field.indexOf(':');
        int nameStart = 0;
        int nameEnd = colon;
        while (nameStart < nameEnd && isBlank(field.charAt(nameStart))) {
            nameStart++;
        }
        while (nameEnd > nameStart && isBlank(field.charAt(nameEnd - 1))) {
            nameEnd--;
        }
        StringBuilder out = new StringBuilder(field.length());
        out.append(field.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT)).append(':');
        int valueStart = out.length();
        boolean blank = false;
        for (int i = colon + 1; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\n' || c == '\r' && i + 1 < field.length() && field.charAt(i + 1) == '\n') {
                continue; // unfolded: the line break goes, the blanks after it count as blanks
            }
            if (isBlank(c)) {
                blank = out.length() > valueStart; // blanks before the value's first character go
            } else {
                if (blank) {
                    out.append(' ');
                    blank = false;
                }
                out.append(c);
            }
        }
        return out.toString(); // blanks after the value's last character were never written
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Feeds the relaxed form of {@code body} (CRLF line ends) into {@code digest}: spaces, tabs (and
     * stray CRs) at a line's end removed, each run of spaces and tabs inside a line one space,
     * empty lines at the end removed, and a non-empty body ending with CRLF. One pass into a
     * buffer the thread keeps, handed to the digest in one call (a native digest pays per call).
     */
    static void body(byte[] body, MessageDigest digest) {
        int end = body.length;
        while (end > 0 && isBlankOrLineEnd(body[end - 1])) {
            end--; // only the bytes up to the last non-empty line count
        }
        if (end == 0) {
            return; // an empty body stays empty (RFC 6376 3.4.4)
        }
        byte[] out = buffer(2 * end + 2); // at most every byte a bare LF that becomes CRLF
        int o = 0;
        int i = 0;
        while (i < end) {
            byte b = body[i];
            if (b == LF) {
                out[o++] = CR;
                out[o++] = LF;
                i++;
            } else if (b == SP || b == TAB || b == CR) {
                int run = i;
                while (i < end && (body[i] == SP || body[i] == TAB || body[i] == CR)) {
                    i++;
                }
                if (i < end && body[i] != LF) { // inside the line: blanks become one space, CRs stay
                    o = squeeze(body, run, i, out, o);
                } // at the line's end: all of it goes
            } else {
                out[o++] = b;
                i++;
            }
        }
        out[o++] = CR;
        out[o++] = LF;
        digest.update(out, 0, o);
    }

    /** Writes blanks and CRs from {@code from} to {@code to} inside a line: a single space stays, a tab or a run of blanks becomes one space. */
    private static int squeeze(byte[] body, int from, int to, byte[] out, int o) {
        int i = from;
        while (i < to) {
            if (body[i] == CR) {
                out[o++] = CR;
                i++;
            } else {
                while (i < to && body[i] != CR) {
                    i++;
                }
                out[o++] = SP;
            }
        }
        return o;
    }

    /** A buffer of at least {@code size} bytes, the thread's own. */
    private static byte[] buffer(int size) {
        byte[] buffer = BUFFER.get();
        if (buffer.length < size) {
            buffer = new byte[Math.max(size, 2 * buffer.length)];
            BUFFER.set(buffer);
        }
        return buffer;
    }

    private static boolean isBlankOrLineEnd(byte b) {
        return b == SP || b == TAB || b == CR || b == LF;
    }
}
