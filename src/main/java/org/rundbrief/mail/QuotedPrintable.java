package org.rundbrief.mail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Quoted-printable encoding (RFC 2045 6.7) of a whole byte array at once. It gives exactly the
 * bytes of Jakarta Mail's {@code QPEncoderStream} with its default 76-character lines (so messages
 * do not change), at a fraction of the cost: that stream is called once per byte through two
 * layers of {@code OutputStream}. Line breaks (LF or CRLF) become CRLF; a space before a line
 * break or at the end is written {@code =20} (rule 3); lines are cut with a soft break
 * {@code =CRLF} before they exceed 76 characters (rule 5).
 */
final class QuotedPrintable {
    /** Characters per line before the soft break's {@code =}. */
    private static final int LINE = 75;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** The most one input byte can write: a held space and the byte, each escaped after a soft break. */
    private static final int MOST_PER_BYTE = 12;

    private QuotedPrintable() {}

    static byte[] encode(byte[] in) {
        byte[] out = new byte[in.length + in.length / 4 + MOST_PER_BYTE];
        int size = 0;
        int column = 0;
        boolean heldSpace = false; // a space is written once the next byte shows whether it ends a line
        boolean afterCr = false;
        for (int i = 0; i <= in.length; i++) {
            if (size + MOST_PER_BYTE > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            int c = i < in.length ? in[i] & 0xff : -1; // -1: the end, where a space must not be left either
            if (!heldSpace && c > ' ' && c < 0x7f && c != '=' && column < LINE) { // most bytes: as they are
                out[size++] = (byte) c;
                column++;
                afterCr = false;
                continue;
            }
            boolean lineEnd = c == '\r' || c == '\n' || c < 0;
            int space = heldSpace ? ' ' : -1;
            heldSpace = c == ' ';
            boolean lineBreak = c == '\r' || c == '\n' && !afterCr;
            afterCr = c == '\r';
            int plain = lineEnd || heldSpace ? -1 : c;
            // at most two characters to write: the held space (escaped at a line end), then this byte
            for (int k = 0; k < 2; k++) {
                int ch = k == 0 ? space : plain;
                if (ch < 0) {
                    continue;
                }
                boolean escape = k == 0 ? lineEnd : ch < ' ' || ch >= 0x7f || ch == '=';
                int width = escape ? 3 : 1;
                if (column + width > LINE) {
                    out[size++] = '=';
                    out[size++] = '\r';
                    out[size++] = '\n';
                    column = 0;
                }
                column += width;
                if (escape) {
                    out[size++] = '=';
                    out[size++] = HEX[ch >> 4];
                    out[size++] = HEX[ch & 0xf];
                } else {
                    out[size++] = (byte) ch;
                }
            }
            if (lineBreak) {
                out[size++] = '\r';
                out[size++] = '\n';
                column = 0;
            }
        }
        return Arrays.copyOf(out, size);
    }
}
